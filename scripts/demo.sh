#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# demo.sh -- boot the KACS kernel and show what it does (`make`).
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/run-qemu.sh" kacs demo 600
LOG=$OUT/kacs/console-demo.log
echo
echo "Guest console (kernel messages omitted; full log: $LOG):"
echo
sed -n '/^=== BOOT-OK/,$p' "$LOG" | grep -v '^\[ *[0-9]*\.[0-9]*\]' | tr -d '\r'
echo
lsm=$(sed -n 's/^=== BOOT-OK .* lsm=//p' "$LOG" | tr -d '\r')
case ",$lsm," in
*,kacs,*) echo "KACS is enabled: /sys/kernel/security/lsm = $lsm" ;;
*) die "the guest did not report kacs in /sys/kernel/security/lsm ('$lsm')" ;;
esac
grep -q '^=== DEMO rc=0' "$LOG" || die "the demonstration reported a mismatch"
