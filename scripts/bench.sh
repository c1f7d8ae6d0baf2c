#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench.sh    (make bench; not part of make check)
#
# Boot the stock and the KACS kernel of `make check` alternately under
# QEMU/TCG with -icount shift=0,sleep=off on one vCPU, each running the
# static tools/testing/kacs-bench program from the same initramfs, and
# compare them.  Under that -icount mode one nanosecond of the guest's
# CLOCK_MONOTONIC is one guest instruction, so the figures are instruction
# counts and the host's load does not change them.
#
# Prints one table; writes to out/bench/ (KACS_BENCH_OUT): results.json,
# results.csv, ratios.svg, performance.md and the console logs in logs/.
#
# Environment:
#   KACS_BENCH_BOOTS=5     boots per kernel
#   KACS_BENCH_RUNS=3      kacs-bench runs per boot (each run is a new
#                          process, so a new address-space layout)
#   KACS_BENCH_SCALE=1     multiplier of every iteration count
#   KACS_BENCH_BATCHES=5   timed batches per row and run
#   KACS_BENCH_TIMEOUT=600 seconds allowed per boot
#   KACS_BENCH_PREBUILT=1  use $OUT/{stock,kacs} kernels as they are
#                          (default: scripts/build-kernel.sh, which
#                          rebuilds nothing when they are up to date)
#   KACS_BENCH_OUT=dir     output directory (default $OUT/bench)
. "$(dirname "$0")/lib.sh"

T0=$(date +%s)
BOOTS=${KACS_BENCH_BOOTS:-5}
SCALE=${KACS_BENCH_SCALE:-1}
RUNS=${KACS_BENCH_RUNS:-3}
BATCHES=${KACS_BENCH_BATCHES:-5}
TMO=${KACS_BENCH_TIMEOUT:-600}
B=${KACS_BENCH_OUT:-$OUT/bench}
VARIANTS="stock kacs"

case "$BOOTS" in ''|*[!0-9]*|0) die "KACS_BENCH_BOOTS must be a positive integer" ;; esac
case "$RUNS" in ''|*[!0-9]*|0) die "KACS_BENCH_RUNS must be a positive integer" ;; esac
case "$BATCHES" in ''|*[!0-9]*|0) die "KACS_BENCH_BATCHES must be a positive integer" ;; esac
case "$TMO" in ''|*[!0-9]*|0) die "KACS_BENCH_TIMEOUT must be a positive integer" ;; esac
case "$SCALE" in ''|*[!0-9.]*) die "KACS_BENCH_SCALE must be a positive number" ;; esac

if [ "${KACS_BENCH_PREBUILT:-0}" = 1 ]; then
	for v in $VARIANTS; do
		[ -f "$OUT/$v/build/arch/x86/boot/bzImage" ] ||
			die "KACS_BENCH_PREBUILT=1 but there is no $OUT/$v/build/arch/x86/boot/bzImage"
	done
	log "using the prebuilt kernels in $OUT/{stock,kacs}"
else
	"$ROOT/scripts/prepare-base.sh"
	for v in $VARIANTS; do
		"$ROOT/scripts/build-kernel.sh" "$v"
	done
fi
for t in qemu-system-x86_64 gcc cpio gzip python3; do
	command -v "$t" >/dev/null || die "$t not found (scripts/prepare-base.sh installs it)"
done
[ -x /bin/busybox ] || die "/bin/busybox not found (package busybox-static)"

# Only what this script writes, in case KACS_BENCH_OUT names a shared place.
rm -rf "${B:?}/bin" "$B/logs" "$B/rootfs" "$B/initramfs.cpio.gz" "$B/rows.txt" \
	"$B/build.log" "$B/results.json" "$B/results.csv" "$B/ratios.svg" \
	"$B/performance.md"
mkdir -p "$B/bin" "$B/logs"

log "building tools/testing/kacs-bench"
# Against the KACS kernel's uapi headers (its system call numbers).
make -s -C "$OUT/kacs/src" O="$OUT/kacs/build" headers_install \
	INSTALL_HDR_PATH="$B/hdr" >/dev/null
make -s -C "$ROOT/tools/testing/kacs-bench" OUTPUT="$B/bin/" \
	KHDR_INCLUDES="-isystem $B/hdr/include" >"$B/build.log" 2>&1 ||
	{ cat "$B/build.log" >&2; die "kacs-bench build failed"; }
"$B/bin/kacs-bench" -l > "$B/rows.txt"

log "packing the benchmark initramfs"
R=$B/rootfs
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp}
cp /bin/busybox "$R/bin/busybox"
cp "$ROOT/scripts/bench-init.sh" "$R/init"
chmod 755 "$R/init"
cp "$B/bin/kacs-bench" "$B/bin/kacs-bench-true" "$R/bin/"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1) \
	> "$B/initramfs.cpio.gz"

# One boot: the console goes to LOG; a line appended by the host records
# QEMU's exit status and wall time, and a timeout.
boot() {	# variant n
	local k=$OUT/$1/build/arch/x86/boot/bzImage log=$B/logs/$1-$2.log
	local start rc=0

	log "boot $2/$BOOTS: $1 kernel ($log)"
	start=$(date +%s)
	timeout --foreground "$TMO" qemu-system-x86_64 -M pc -accel tcg \
		-icount shift=0,sleep=off -smp 1 -m 1024 -nographic -no-reboot \
		-kernel "$k" -initrd "$B/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 loglevel=5 kacs.bench_runs=$RUNS kacs.bench_scale=$SCALE kacs.bench_batches=$BATCHES" \
		< /dev/null > "$log" 2>&1 || rc=$?
	[ $rc = 124 ] && echo "=== QEMU-TIMEOUT after ${TMO}s" >> "$log"
	echo "=== HOST qemu_rc=$rc secs=$(( $(date +%s) - start ))" >> "$log"
	"$ROOT/scripts/bench-report.py" check "$B/rows.txt" "$1" "$RUNS" "$log" ||
		die "boot $2 of the $1 kernel failed (console log: $log)"
}

# Alternate the kernels, so that a drift of the host affects both alike.
for n in $(seq 1 "$BOOTS"); do
	for v in $VARIANTS; do
		boot "$v" "$n"
	done
done

"$ROOT/scripts/bench-report.py" report "$B" "$BOOTS" "$RUNS"
echo "Total wall time: $(( $(date +%s) - T0 )) s"
