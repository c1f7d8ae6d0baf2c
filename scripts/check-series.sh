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

for p in "$PATCHES"/*.patch; do
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	out=$(cd "$GIT" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --quiet "$p" 2>&1)
	rc=$?
	[ $rc = 0 ] || echo "$out" | sed 's/^/# /' | head -n 40
	tap $rc "checkpatch --strict $(basename "$p")"
done
set -e
git -C "$GIT" checkout -q -f series
echo "1..$n"
[ $fail = 0 ]
