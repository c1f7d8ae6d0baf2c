#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# build-kernel.sh VARIANT    (kacs | stock | debug)
#
# out/<variant>/src    applied source tree (pristine for stock)
# out/<variant>/build  O= build directory; bzImage in arch/x86/boot/
# Every variant has the same src/build shape, so with CCACHE_BASEDIR the
# compiler command lines are identical and ccache shares objects.
. "$(dirname "$0")/lib.sh"

V=$1
case "$V" in
kacs)  TREE=kacs;  FRAGS="configs/qemu-selftests.config configs/kacs.config" ;;
debug) TREE=kacs;  FRAGS="configs/qemu-selftests.config configs/kacs.config configs/debug.config" ;;
stock) TREE=stock; FRAGS="configs/qemu-selftests.config" ;;
*) die "unknown variant $V" ;;
esac
SRC=$OUT/$V/src
BUILD=$OUT/$V/build
# A from-scratch build takes about 160 MiB (more for debug); the source
# tree is hard-linked to the base.  Ask for 1 GiB.
need_space 1024 "$OUT"

"$ROOT/scripts/apply.sh" "$SRC" "$TREE"
frags=
for f in $FRAGS; do frags="$frags $ROOT/$f"; done
# shellcheck disable=SC2086
"$ROOT/scripts/configure.sh" "$SRC" "$BUILD" $frags

log "building $V kernel ($(cat "$ROOT/out/base-version"))"
start=$(date +%s)
make -s -C "$SRC" O="$BUILD" -j"$JOBS" CC="ccache gcc" bzImage
echo "$(( $(date +%s) - start ))" > "$OUT/$V/kernel-build-secs"
log "$V kernel ready: $BUILD/arch/x86/boot/bzImage ($(cat "$OUT/$V/kernel-build-secs") s)"
