#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the KACS test initramfs.  Mounts what the selftests need and,
# depending on the kernel command line:
#   kacs.mode=tests  run every entry of /ksft/list
#                    ("suite:binary:timeout[:attempts]"; a binary with
#                    attempts > 1 runs that many times, whatever its
#                    results, so the judge compares pass counts)
#   kacs.mode=demo   run the clone-flag demonstration (kacs clone-demo)
#   kacs.mode=shell  interactive shell
# Results go to the serial console between "=== BEGIN"/"=== END" markers.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmp /tmp
mkdir -p /sys/fs/cgroup && mount -t cgroup2 none /sys/fs/cgroup
mount -t securityfs none /sys/kernel/security 2>/dev/null
mount -t debugfs none /sys/kernel/debug 2>/dev/null
ln -sf /proc/self/fd /dev/fd 2>/dev/null
hostname kacs-guest

arg() { tr ' ' '\n' < /proc/cmdline | sed -n "s/^$1=//p" | tail -n 1; }
up() { cut -d' ' -f1 /proc/uptime; }
MODE=$(arg kacs.mode)

echo "=== BOOT-OK $(uname -r) lsm=$(cat /sys/kernel/security/lsm 2>/dev/null)"

case "$MODE" in
tests)
	T0=$(up)
	while IFS=: read -r suite bin tmo tries; do
		case "$suite" in ''|'#'*) continue ;; esac
		cd "/ksft/$suite" || { echo "=== MISSING $suite:$bin"; continue; }
		n=1
		while :; do
			st=$(up)
			echo "=== BEGIN $suite:$bin attempt=$n"
			timeout "${tmo:-120}" "./$bin" < /dev/null 2>&1
			rc=$?
			echo "=== END $suite:$bin rc=$rc secs=$(awk -v a="$st" -v b="$(up)" 'BEGIN{printf "%.1f", b-a}')"
			[ $n -ge "${tries:-1}" ] && break
			n=$((n + 1))
		done
		cd /
	done < /ksft/list
	if [ -w /sys/kernel/debug/kmemleak ]; then
		echo "=== BEGIN kmemleak"
		echo scan > /sys/kernel/debug/kmemleak; sleep 5
		echo scan > /sys/kernel/debug/kmemleak
		cat /sys/kernel/debug/kmemleak
		echo "=== END kmemleak"
	fi
	echo "=== ALL-DONE total_secs=$(awk -v a="$T0" -v b="$(up)" 'BEGIN{printf "%.1f", b-a}')"
	;;
demo)
	if [ -x /bin/kacs ]; then
		echo "--- kacs token self (PID 1's view: the SYSTEM token) ---"
		kacs token self
		echo "--- kacs clone-demo ---"
		kacs clone-demo
		echo "=== DEMO rc=$?"
	else
		echo "=== DEMO rc=1 (no /bin/kacs in this image)"
	fi
	;;
*)
	echo "KACS guest shell; 'reboot -f' leaves QEMU."
	setsid cttyhack sh
	;;
esac
sync
reboot -f
