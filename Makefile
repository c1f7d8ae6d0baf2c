# SPDX-License-Identifier: GPL-2.0-only
#
# KACS clone series: build, boot and test driver.
#
#   make              build the patched kernel and boot it in QEMU (demo)
#   make check        all tests (stock + KACS kernels, series checks)
#   make check-debug  the tests on a KASAN/lockdep/UBSAN/kmemleak kernel
#   make bench        stock vs KACS micro-benchmarks (not part of check)
#   make qemu         interactive busybox shell on the KACS kernel
#   make series       the review series in out/series/
#   make clean        remove build output but keep the unpacked base

S := scripts

.PHONY: all base check-bisect kernel userspace demo qemu check check-debug bench series clean distclean

all: demo

base:
	@$(S)/prepare-base.sh

kernel: base
	@$(S)/build-kernel.sh kacs

userspace: kernel
	@$(S)/build-userspace.sh kacs

demo: userspace
	@$(S)/demo.sh

qemu: userspace
	@$(S)/run-qemu.sh kacs shell

check:
	@$(S)/check.sh

check-debug:
	@$(S)/check.sh debug

bench:
	@$(S)/bench.sh

series: base
	@$(S)/mkseries.sh
	@ls out/series

clean:
	rm -rf out/kacs out/stock out/debug out/check out/bench out/series out/series-git

distclean:
	rm -rf out

check-bisect: series
	@$(S)/check-bisect.sh
