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
