#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the benchmark initramfs (scripts/bench.sh).  Mounts what
# kacs-bench needs, runs it once and reboots (QEMU runs with -no-reboot,
# so that ends the boot).  Kernel command line:
#   kacs.bench_scale=S    iteration count multiplier (default 1)
#   kacs.bench_batches=N  timed batches per row (default 7)
# The run is framed on the serial console by "=== BENCH-BOOT ..." and
# "=== BENCH-DONE rc=N ...".
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
cs=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)
lsm=$(cat /sys/kernel/security/lsm 2>/dev/null)

echo "=== BENCH-BOOT $(uname -r) lsm=${lsm:-none} clocksource=${cs:-none} uptime=$(up)"
/bin/kacs-bench -s "${scale:-1}" -b "${batches:-7}" -t /bin/kacs-bench-true < /dev/null 2>&1
echo "=== BENCH-DONE rc=$? uptime=$(up)"
sync
reboot -f
