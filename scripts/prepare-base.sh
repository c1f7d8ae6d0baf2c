#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# prepare-base.sh [--fuzz]
#
# Install the host packages the pipeline needs and unpack the pinned base.
# With --fuzz, only install what `make fuzz` needs (clang and libFuzzer).
. "$(dirname "$0")/lib.sh"

PKGS="linux-source-6.12 qemu-system-x86 busybox-static build-essential flex
bison bc libelf-dev libssl-dev cpio libcap-dev ccache sparse python3 git
perl kmod xz-utils rsync python3-ply python3-git"
FUZZ_PKGS="build-essential clang libclang-rt-dev"

install_missing() {
	local p missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	log "installing:$missing"
	SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
}

if [ "${1:-}" = --fuzz ]; then
	# shellcheck disable=SC2086
	install_missing $FUZZ_PKGS
	exit 0
fi
# shellcheck disable=SC2086
install_missing $PKGS

if [ ! -f "$BASE/.kacs-unpacked" ]; then
	[ -f "$BASE_TARBALL" ] || die "missing $BASE_TARBALL"
	need_space 2048 "$ROOT/out"
	log "unpacking $BASE_TARBALL"
	rm -rf "$BASE" "$BASE.tmp"
	mkdir -p "$BASE.tmp"
	tar -C "$BASE.tmp" -xf "$BASE_TARBALL"
	mv "$BASE.tmp"/linux-source-6.12 "$BASE"
	rmdir "$BASE.tmp"
	touch "$BASE/.kacs-unpacked"
fi
v=$(base_version)
case "$v" in 6.12.*) ;; *) die "unexpected base version '$v'" ;; esac
echo "$v" > "$ROOT/out/base-version"
log "base: Linux $v ($(dpkg-query -W -f='${Version}' linux-source-6.12))"
