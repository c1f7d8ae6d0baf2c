#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# run-qemu.sh VARIANT MODE [TIMEOUT]   MODE: tests | demo | shell
#
# Boots out/<variant>/build's bzImage with out/<variant>/initramfs.cpio.gz
# under TCG.  Non-interactive modes log the serial console to
# out/<variant>/console-<mode>.log and stop after TIMEOUT seconds.
. "$(dirname "$0")/lib.sh"

V=$1 MODE=$2 TMO=${3:-1500}
K=$OUT/$V/build/arch/x86/boot/bzImage
I=$OUT/$V/initramfs.cpio.gz
[ -f "$K" ] && [ -f "$I" ] || die "build $V first"
MEM=1024
[ "$V" = debug ] && MEM=2048
APPEND="console=ttyS0 panic=-1 kacs.mode=$MODE"

if [ "$MODE" = shell ]; then
	# The shell prints a 'try this' block (tools/kacs/guest-profile.sh):
	# appended to the initramfs as /etc/kacs-profile, sourced through $ENV.
	PROF=$ROOT/tools/kacs/guest-profile.sh
	if [ -f "$PROF" ] && [ -x "$OUT/$V/rootfs/bin/kacs" ]; then
		X=$OUT/$V/shell-extra
		rm -rf "$X"
		mkdir -p "$X/etc"
		cp "$PROF" "$X/etc/kacs-profile"
		(cd "$X" && echo ./etc/kacs-profile |
			cpio -o -H newc --quiet -R 0:0 | gzip -1) > "$X.cpio.gz"
		cat "$I" "$X.cpio.gz" > "$OUT/$V/initramfs-shell.cpio.gz"
		I=$OUT/$V/initramfs-shell.cpio.gz
		APPEND="$APPEND ENV=/etc/kacs-profile"
	fi
	exec qemu-system-x86_64 -M pc -m $MEM -smp 2 -nographic -no-reboot \
		-kernel "$K" -initrd "$I" -append "$APPEND"
fi
LOG=$OUT/$V/console-$MODE.log
log "booting $V kernel in QEMU/TCG ($MODE, timeout ${TMO}s, log $LOG)"
start=$(date +%s)
rc=0
timeout --foreground "$TMO" qemu-system-x86_64 -M pc -m $MEM -smp 2 \
	-nographic -no-reboot -kernel "$K" -initrd "$I" -append "$APPEND" \
	< /dev/null > "$LOG" 2>&1 || rc=$?
echo "$(( $(date +%s) - start ))" > "$OUT/$V/qemu-$MODE-secs"
[ $rc = 124 ] && echo "=== QEMU-TIMEOUT after ${TMO}s" >> "$LOG"
exit 0
