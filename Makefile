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
#   make manifest     regenerate scripts/manifest.txt after a full make check
#   make fuzz         fuzz the KACS engine for FUZZ_SECS seconds (default 60);
#                     crash inputs are saved in out/fuzz/
#   make clean        remove build output but keep the unpacked base

S := scripts
FUZZ_SECS ?= 60
RESULTS := $(or $(KACS_OUT),out)

.PHONY: all base check-bisect kernel userspace demo qemu check check-debug bench \
	series manifest fuzz clean distclean

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
	@d=$$(git describe --always --dirty); \
	{ echo "Measured at commit $$d, $$(date -u +%F)."; \
	   echo; cat $(or $(KACS_BENCH_OUT),$(RESULTS)/bench)/performance.md; } \
		> series/performance.md
	@echo "series/performance.md updated (make series quotes it in the cover letter)"

series: base
	@$(S)/mkseries.sh
	@ls out/series

manifest:
	@$(S)/update-manifest.py stock=$(RESULTS)/stock/results.json \
		kacs=$(RESULTS)/kacs/results.json
	@$(S)/readme-counts.py

fuzz:
	@$(S)/prepare-base.sh --fuzz
	@$(MAKE) -s -C tools/testing/kacs-engine OUTPUT=$(CURDIR)/out/fuzz \
		FUZZ_TIME=$(FUZZ_SECS) fuzz-run

clean:
	rm -rf out/kacs out/stock out/debug out/check out/bench out/series \
		out/series-git out/engine out/fuzz

distclean:
	rm -rf out

check-bisect: series
	@$(S)/check-bisect.sh
