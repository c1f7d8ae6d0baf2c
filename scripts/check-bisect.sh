#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check-bisect.sh -- build every commit of the series (out/series-git, made
# by mkseries.sh) twice: with the KACS configuration of `make check` and
# with KACS off (the same configuration without configs/kacs.config), both
# with CONFIG_WERROR, so each patch is known to build on its own, without
# a warning, whether or not KACS is selected.  Incremental: one O=
# directory per configuration, reused across commits.
. "$(dirname "$0")/lib.sh"

SERIES=$OUT/series-git
[ -f "$SERIES/.git/kacs-base-stamp" ] || die "run scripts/mkseries.sh first"
# A worktree of its own: mkseries.sh and check-series.sh may use the
# series tree while the builds run.
GIT=$OUT/bisect/src
if [ ! -e "$GIT/.git" ]; then
	rm -rf "$GIT"
	mkdir -p "$OUT/bisect"
	git -C "$SERIES" worktree prune
	git -C "$SERIES" worktree add -q --detach "$GIT" kacs-base
fi

# configure NAME FRAGMENT...: (re)configure $OUT/bisect/NAME for the
# checked-out commit.  Options that do not exist yet at this commit are
# simply not asserted: configure only with what Kconfig knows.
configure() {
	local b=$OUT/bisect/$1
	shift
	mkdir -p "$b"
	make -s -C "$GIT" O="$b" tinyconfig >/dev/null
	{ cat "$@"; echo CONFIG_WERROR=y; } > "$b/.frag"
	"$GIT/scripts/kconfig/merge_config.sh" -m -O "$b" "$b/.config" \
		"$b/.frag" >/dev/null 2>&1
	make -s -C "$GIT" O="$b" olddefconfig >/dev/null
}

# build NAME N SUBJECT: build bzImage in $OUT/bisect/NAME, print TAP.
build() {
	local b=$OUT/bisect/$1 log=$OUT/bisect/$1-$2.log
	t=$((t + 1))
	if make -s -C "$GIT" O="$b" -j"$JOBS" CC="ccache gcc" bzImage \
		> "$log" 2>&1; then
		echo "ok $t $1 builds: $3"
	else
		echo "not ok $t $1 does not build: $3"
		tail -n 20 "$log" | sed 's/^/# /'
		fail=1
	fi
}

fail=0 n=0 t=0
for c in $(git -C "$SERIES" rev-list --reverse kacs-base..series); do
	n=$((n + 1))
	subj=$(git -C "$GIT" log -1 --format=%s "$c")
	files=$(git -C "$GIT" diff --name-only "$c~1" "$c")
	# A commit that only touches tools/, Documentation/ or MAINTAINERS
	# cannot change whether the kernel builds: same result as its parent.
	if ! echo "$files" |
	     grep -qv -e '^tools/' -e '^Documentation/' -e '^MAINTAINERS$'; then
		t=$((t + 1))
		echo "ok $t kacs and off: no kernel source change: $subj"
		continue
	fi
	git -C "$GIT" checkout -q -f "$c"
	git -C "$GIT" clean -q -fdx
	configure kacs "$ROOT/configs/qemu-selftests.config" \
		"$ROOT/configs/kacs.config"
	build kacs "$n" "$subj"
	# security/kacs is not built with KACS off.
	if ! echo "$files" | grep -qv -e '^tools/' -e '^Documentation/' \
	     -e '^MAINTAINERS$' -e '^security/kacs/'; then
		t=$((t + 1))
		echo "ok $t off: only security/kacs changed: $subj"
		continue
	fi
	configure off "$ROOT/configs/qemu-selftests.config"
	build off "$n" "$subj"
done
echo "1..$t"
exit $fail
