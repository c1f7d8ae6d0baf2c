#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# build-userspace.sh VARIANT   (kacs | stock | debug)
#
# Static selftests, the kacs tool and a busybox initramfs for VARIANT.
# Produces out/<variant>/initramfs.cpio.gz.
. "$(dirname "$0")/lib.sh"

V=$1
case "$V" in
kacs|debug) TREE=kacs ;;
stock) TREE=stock ;;
*) die "unknown variant $V" ;;
esac
SRC=$OUT/$V/src
BUILD=$OUT/$V/build
U=$OUT/$V/userspace
PEER="clone3 pidfd cgroup ptrace timens nsfs pid_namespace lsm"
OWN="kacs"
TARGETS=${KACS_TARGETS:-$PEER}
[ "${KACS_OWN_TARGETS-$OWN}" = "$OWN" ] && [ "$TARGETS" = "$PEER" ] ||
	log "WARNING: KACS_TARGETS/KACS_OWN_TARGETS leave tests out;" \
		"the judge reports every binary of scripts/manifest.txt that did not run"
OWN=${KACS_OWN_TARGETS-$OWN}
if [ "$TREE" = kacs ]; then
	for t in $OWN; do
		[ -d "$SRC/tools/testing/selftests/$t" ] ||
			die "no tools/testing/selftests/$t in $SRC"
		TARGETS="$TARGETS $t"
	done
fi
# Binaries the manifest omits on this kernel ("omit suite:binary" lines).
OMIT=" $(awk -v k="$V" '$1 == "kernel" { cur = $2 }
	cur == k && $1 == "omit" { printf "%s ", $2 }' "$ROOT/scripts/manifest.txt")"
mkdir -p "$U"

log "installing uapi headers"
make -s -C "$SRC" O="$BUILD" headers_install INSTALL_HDR_PATH="$U/hdr" >/dev/null

log "building selftests: $TARGETS"
rm -rf "$U/ksft"
make -s -C "$SRC/tools/testing/selftests" TARGETS="$TARGETS" \
	KHDR_INCLUDES="-isystem $U/hdr/include" LDFLAGS=-static \
	O="$U/ksft-build" INSTALL_PATH="$U/ksft" install >"$U/ksft-build.log" 2>&1 ||
	{ tail -n 40 "$U/ksft-build.log" >&2; die "selftest build failed ($U/ksft-build.log)"; }

# Test list: every installed test of the chosen collections; for cgroup
# only the core set named in the issue (the rest depends on memory
# features or timing that TCG does not give).
: > "$U/list"
while IFS=: read -r coll t; do
	tmo=120
	case "$coll" in cgroup)
		case "$t" in test_core|test_kill|test_pids|test_freezer) ;; *) continue ;; esac ;;
	esac
	case "$OMIT" in *" $coll:$t "*) continue ;; esac
	case "$coll:$t" in
	pidfd:pidfd_test|pidfd:pidfd_poll_test|kacs:clone_test) tmo=600 ;;
	esac
	[ "$V" = debug ] && tmo=$((tmo * 3))
	# A binary with a case in flaky.txt runs three times; the judge
	# compares the listed case's pass count between the kernels.
	tries=1
	grep -q "^$coll:$t:" "$ROOT/scripts/flaky.txt" && tries=3
	echo "$coll:$t:$tmo:$tries" >> "$U/list"
done < "$U/ksft/kselftest-list.txt"

KACS_BIN=
if [ "$TREE" = kacs ] && [ -f "$SRC/tools/kacs/kacs.c" ]; then
	log "building tools/kacs"
	gcc -O2 -Wall -Werror -static -isystem "$U/hdr/include" \
		-o "$U/kacs" "$SRC"/tools/kacs/*.c -lpthread
	KACS_BIN=$U/kacs
fi

log "packing initramfs"
R=$OUT/$V/rootfs
rm -rf "$R"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,etc,root}
cp /bin/busybox "$R/bin/busybox"
cp "$ROOT/scripts/initramfs-init.sh" "$R/init"
cp -a "$U/ksft" "$R/ksft"
cp "$U/list" "$R/ksft/list"
[ -z "$KACS_BIN" ] || cp "$KACS_BIN" "$R/bin/kacs"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1) \
	> "$OUT/$V/initramfs.cpio.gz"
log "initramfs: $OUT/$V/initramfs.cpio.gz ($(du -h "$OUT/$V/initramfs.cpio.gz" | cut -f1), $(wc -l < "$U/list") tests)"
