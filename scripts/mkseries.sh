#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkseries.sh
#
# Turn series/NNNN-*.txt into git commits on top of the pristine base and
# write the review series (git format-patch + cover letter) to out/series/.
# Each series/*.txt is a commit message (subject, blank line, body)
# followed by "Files:" and the repo files (new files and .patch diffs)
# that make up the commit.
. "$(dirname "$0")/lib.sh"

GIT=$OUT/series-git
PATCHES=$OUT/series
# From: and Signed-off-by: name the committer (git config), unless
# KACS_AUTHOR says otherwise.
gname=$(git -C "$ROOT" config user.name || true)
gmail=$(git -C "$ROOT" config user.email || true)
if [ -n "$gname" ] && [ -n "$gmail" ]; then
	AUTHOR=${KACS_AUTHOR:-"$gname <$gmail>"}
else
	AUTHOR=${KACS_AUTHOR:-"KACS developers <kacs-devel@peios.org>"}
fi
export GIT_AUTHOR_NAME=${AUTHOR% <*} GIT_COMMITTER_NAME=${AUTHOR% <*}
email=${AUTHOR#*<}
export GIT_AUTHOR_EMAIL=${email%>} GIT_COMMITTER_EMAIL=${email%>}
export GIT_AUTHOR_DATE="2026-11-29T12:00:00Z" GIT_COMMITTER_DATE="2026-11-29T12:00:00Z"
VERSION=$(cat "$ROOT/out/base-version")

if [ ! -f "$GIT/.git/kacs-base-stamp" ]; then
	log "creating the base git tree (once)"
	rm -rf "$GIT"
	mkdir -p "$GIT"
	cp -a "$BASE/." "$GIT/"
	rm -f "$GIT/.kacs-unpacked"
	git -C "$GIT" init -q -b base
	git -C "$GIT" add -A -f .
	git -C "$GIT" commit -q -m "Linux $VERSION (Debian linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12))"
	git -C "$GIT" tag -f kacs-base >/dev/null
	touch "$GIT/.git/kacs-base-stamp"
fi

git -C "$GIT" checkout -q -f -B series kacs-base
git -C "$GIT" clean -q -fdx

[ -n "$(series_entries)" ] || die "no series/*.txt entries"
# Fragments of new files, in series order, as "target fragment" lines.
frags=$(mktemp)
for e in $(series_entries); do
	for f in $(series_files_of "$e"); do
		if [ -f "$ROOT/$f" ] && is_fragment "$f"; then
			echo "$(patch_target "$ROOT/$f") $f"
		fi
	done
done > "$frags"
claimed=$(mktemp)
for e in $(series_entries); do
	files=$(series_files_of "$e")
	[ -n "$files" ] || die "$e lists no files"
	for f in $files; do
		[ -f "$ROOT/$f" ] || die "$e: missing $f"
		echo "$f" >> "$claimed"
		case "$f" in
		*.patch)
			patch -s -p1 --fuzz=0 --no-backup-if-mismatch -r - \
				-d "$GIT" < "$ROOT/$f" ||
				die "$e: $f does not apply with fuzz 0"
			;;
		*)
			mkdir -p "$(dirname "$GIT/$f")"
			cp "$ROOT/$f" "$GIT/$f"
			# Take the later fragments out, last first.
			for p in $(awk -v f="$f" '$1 == f { print $2 }' "$frags" | tac); do
				patch -s -R -p1 --fuzz=0 --no-backup-if-mismatch -r - \
					-d "$GIT" < "$ROOT/$p" ||
					die "$e: fragment $p does not reverse-apply to $f: rebase it on the final $f"
			done
			;;
		esac
	done
	msg=$(mktemp)
	sed '/^Files:$/,$d' "$ROOT/$e" > "$msg"
	# One trailer block: no blank line after Cc: trailers.
	tail -n 1 "$msg" | grep -qE '^(Cc|Link|Reported-by|Suggested-by): ' ||
		echo >> "$msg"
	printf 'Signed-off-by: %s\n' "$AUTHOR" >> "$msg"
	git -C "$GIT" add -A -f .
	git -C "$GIT" commit -q -F "$msg" || die "$e: nothing to commit"
	rm -f "$msg"
done
unclaimed=$(tree_files | grep -vxF -f "$claimed" || true)
rm -f "$claimed" "$frags"
[ -z "$unclaimed" ] || die "files not in any series entry: $(echo $unclaimed)"

rm -rf "$PATCHES"
git -C "$GIT" format-patch -q --cover-letter --base=kacs-base \
	--subject-prefix="RFC PATCH" -o "$PATCHES" kacs-base..series
cover=$(ls "$PATCHES"/0000-*.patch)
subject=$(sed -n '1p' "$ROOT/series/cover-letter.txt")
python3 - "$cover" "$ROOT/series/cover-letter.txt" "$VERSION" "$subject" \
	"$ROOT/series/performance.md" <<'PY'
import os, sys
cover, src, version, subject, perf = sys.argv[1:6]
body = open(src).read().split('\n', 2)[2].replace('@BASE_VERSION@', version)
# The figures of the last `make bench`, as it wrote them (never by hand).
figures = (open(perf).read().rstrip('\n') if os.path.exists(perf) else
           'No make bench figures are recorded in series/performance.md.')
body = body.replace('@PERFORMANCE@', figures)
# Test counts from the manifest that `make check` enforces.
import re
kunit = cases = params = 0
own = {}
peers = set()
kernel = None
for line in open(os.path.join(os.path.dirname(perf), '..', 'scripts',
                              'manifest.txt')):
    w = line.split()
    if not w or w[0].startswith('#'):
        continue
    if w[0] == 'kernel':
        kernel = w[1]
    elif kernel == 'kacs' and w[0] == 'kunit':
        kunit += 1
        kv = dict(x.split('=') for x in w[2:])
        cases += int(kv.get('cases', 0))
        params += int(kv.get('params', 0))
    elif kernel == 'kacs' and w[0] == 'binary':
        m = re.search(r'tests=(\d+)', line)
        suite, binary = w[1].split(':')
        if suite == 'kacs':
            own[binary] = int(m.group(1)) if m else 0
        else:
            peers.add(w[1])
import textwrap
counts = textwrap.fill(
    'KUnit: %d suites, %d cases and %d parameter sets.  kselftests in '
    'tools/testing/selftests/kacs: %d programs, %d tests.  Upstream '
    'suites run on both kernels: %d programs.' %
    (kunit, cases, params, len(own), sum(own.values()), len(peers)), 72)
body = body.replace('@TESTCOUNTS@', counts)
text = open(cover).read()
text = text.replace('*** SUBJECT HERE ***', subject)
text = text.replace('*** BLURB HERE ***', body.rstrip('\n'))
open(cover, 'w').write(text)
PY
log "series: $(ls "$PATCHES" | wc -l) files in $PATCHES (base Linux $VERSION)"
