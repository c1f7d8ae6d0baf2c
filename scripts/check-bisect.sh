#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check-bisect.sh -- build the KACS kernel config at every commit of the
# series (out/series-git, made by mkseries.sh), so each patch is known to
# build on its own.  Incremental: one O= directory reused across commits.
. "$(dirname "$0")/lib.sh"

GIT=$OUT/series-git
BUILD=$OUT/bisect/build
[ -f "$GIT/.git/kacs-base-stamp" ] || die "run scripts/mkseries.sh first"
mkdir -p "$BUILD"
fail=0 n=0
for c in $(git -C "$GIT" rev-list --reverse kacs-base..series); do
	n=$((n + 1))
	subj=$(git -C "$GIT" log -1 --format=%s "$c")
	# A commit that only touches tools/, Documentation/ or MAINTAINERS
	# cannot change whether the kernel builds: same result as its parent.
	if ! git -C "$GIT" diff --name-only "$c~1" "$c" |
	     grep -qv -e '^tools/' -e '^Documentation/' -e '^MAINTAINERS$'; then
		echo "ok $n builds (no kernel source change): $subj"
		continue
	fi
	git -C "$GIT" checkout -q -f "$c"
	git -C "$GIT" clean -q -fdx
	# Options that do not exist yet at this commit are simply not
	# asserted: configure only with what Kconfig knows.
	make -s -C "$GIT" O="$BUILD" tinyconfig >/dev/null
	cat "$ROOT/configs/qemu-selftests.config" "$ROOT/configs/kacs.config" > "$BUILD/.frag"
	"$GIT/scripts/kconfig/merge_config.sh" -m -O "$BUILD" "$BUILD/.config" "$BUILD/.frag" >/dev/null 2>&1
	make -s -C "$GIT" O="$BUILD" olddefconfig >/dev/null
	if make -s -C "$GIT" O="$BUILD" -j"$JOBS" CC="ccache gcc" bzImage > "$BUILD/../$n.log" 2>&1; then
		echo "ok $n builds: $subj"
	else
		echo "not ok $n does not build: $subj"
		tail -n 20 "$BUILD/../$n.log" | sed 's/^/# /'
		fail=1
	fi
done
git -C "$GIT" checkout -q -f series
echo "1..$n"
exit $fail
