#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the benchmark initramfs (scripts/bench.sh).  Mounts what
# kacs-bench needs, runs it and reboots (QEMU runs with -no-reboot, so
# that ends the boot).  Kernel command line:
#   kacs.bench_runs=R     runs of kacs-bench, each one a new process with
#                         its own address-space layout (default 3)
#   kacs.bench_scale=S    iteration count multiplier (default 1)
#   kacs.bench_batches=N  timed batches per row (default 5)
# The runs are framed on the serial console by "=== BENCH-BOOT ..." and
# "=== BENCH-DONE rc=N ...", rc being the first non-zero exit status.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmp /tmp
mkdir -p /sys/fs/cgroup && mount -t cgroup2 none /sys/fs/cgroup
mount -t securityfs none /sys/kernel/security 2>/dev/null
hostname kacs-bench

arg() { tr ' ' '\n' < /proc/cmdline | sed -n "s/^$1=//p" | tail -n 1; }
up() { cut -d' ' -f1 /proc/uptime; }
scale=$(arg kacs.bench_scale)
batches=$(arg kacs.bench_batches)
runs=$(arg kacs.bench_runs)
cs=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)
lsm=$(cat /sys/kernel/security/lsm 2>/dev/null)

echo "=== BENCH-BOOT $(uname -r) lsm=${lsm:-none} clocksource=${cs:-none} uptime=$(up)"
rc=0 n=1
while [ "$n" -le "${runs:-3}" ]; do
	/bin/kacs-bench -s "${scale:-1}" -b "${batches:-5}" \
		-t /bin/kacs-bench-true < /dev/null 2>&1
	r=$?
	[ $rc = 0 ] && rc=$r
	n=$((n + 1))
done
echo "=== BENCH-DONE rc=$rc uptime=$(up)"
sync
reboot -f
