#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check-series.sh
#
# Verify out/series: it applies with git am on a pristine base, and every
# patch passes checkpatch.pl --strict.  Prints one "ok"/"not ok" TAP line
# per check.
. "$(dirname "$0")/lib.sh"

GIT=$OUT/series-git
PATCHES=$OUT/series
n=0 fail=0
tap() {	# status description
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fail=$((fail + 1)); fi
}

git -C "$GIT" checkout -q -f -B am-check kacs-base
git -C "$GIT" clean -q -fdx
set +e
out=$(ls "$PATCHES"/*.patch | grep -v /0000-cover-letter.patch | xargs git -C "$GIT" am -q 2>&1)
rc=$?
if [ $rc != 0 ]; then
	git -C "$GIT" am --abort 2>/dev/null
	echo "$out" | sed 's/^/# /'
fi
tap $rc "series applies with git am on pristine Linux $(cat "$ROOT/out/base-version")"
if [ $rc = 0 ]; then
	git -C "$GIT" diff --quiet series am-check
	tap $? "git am result is identical to the series branch"
fi

# The last commit is the tree the kernels are built from.
if [ -f "$OUT/kacs/src/.kacs-manifest" ]; then
	diff=0
	while read -r t; do
		cmp -s "$GIT/$t" "$OUT/kacs/src/$t" || { echo "# differs: $t"; diff=1; }
	done < "$OUT/kacs/src/.kacs-manifest"
	tap $diff "the series' last commit equals the tree make builds"
fi

# Reviewable steps: no commit adds more than about 1,200 lines of kernel
# code.  Documentation, tools, selftests and KUnit test files are not
# counted; their size is listed in the cover letter.
for c in $(git -C "$GIT" rev-list --reverse kacs-base..series); do
	added=$(git -C "$GIT" diff --numstat "$c~1" "$c" -- . \
		':!Documentation' ':!tools' ':!MAINTAINERS' \
		':!security/kacs/kunit_*' ':!security/kacs/lsm_test.c' \
		':!security/kacs/sddl.[ch]' ':!security/kacs/.kunitconfig' |
		awk '{ s += $1 } END { print s + 0 }')
	subj=$(git -C "$GIT" log -1 --format=%s "$c")
	[ "$added" -le 1250 ]
	tap $? "$added lines of kernel code: $subj"
done

# Every file a commit adds is covered by an F: line of the KACS entry in
# that commit's MAINTAINERS.
for c in $(git -C "$GIT" rev-list --reverse kacs-base..series); do
	pats=$(git -C "$GIT" show "$c:MAINTAINERS" |
	       sed -n '/^KACS SECURITY MODULE$/,/^$/s/^F:[[:space:]]*//p')
	bad=
	for f in $(git -C "$GIT" diff --diff-filter=A --name-only "$c~1" "$c"); do
		ok=
		for m in $pats; do
			case "$m" in
			*/) case "$f" in "$m"*) ok=1 ;; esac ;;
			*) [ "$f" = "$m" ] && ok=1 ;;
			esac
		done
		[ -n "$ok" ] || bad="$bad $f"
	done
	[ -z "$bad" ] || echo "# not in MAINTAINERS:$bad"
	[ -z "$bad" ]
	tap $? "MAINTAINERS covers the files added by: $(git -C "$GIT" log -1 --format=%s "$c")"
done

for p in "$PATCHES"/*.patch; do
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	# FILE_PATH_CHANGES asks whether MAINTAINERS covers the files a
	# patch adds; the check above answers it for every commit.
	out=$(cd "$GIT" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl \
		--strict --quiet --ignore FILE_PATH_CHANGES "$p" 2>&1)
	rc=$?
	[ $rc = 0 ] || echo "$out" | sed 's/^/# /' | head -n 40
	tap $rc "checkpatch --strict $(basename "$p")"
done
set -e
git -C "$GIT" checkout -q -f series
echo "1..$n"
[ $fail = 0 ]
