#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# apply.sh DEST [stock]
#
# Make DEST a copy of the pristine base with the project's files applied:
# new files are copied, .patch diffs are applied with fuzz 0.  Only files
# whose content changes are rewritten, so kbuild stays incremental.  With
# "stock", DEST is kept identical to the pristine base.
. "$(dirname "$0")/lib.sh"

DEST=$1
MODE=${2:-kacs}
[ -f "$BASE/.kacs-unpacked" ] || die "base not prepared (scripts/prepare-base.sh)"

if [ ! -f "$DEST/.kacs-copy" ]; then
	log "copying base to $DEST"
	rm -rf "$DEST"
	mkdir -p "$DEST"
	# Hard-link the contents: a tree costs no disk space, and a symlinked
	# base is linked file by file, never as a whole.  Every write below
	# replaces a file (rm, then cp), so the base itself is never written.
	cp -al "$BASE/." "$DEST/"
	rm -f "$DEST/.kacs-unpacked"
	touch "$DEST/.kacs-copy"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
: > "$STAGE/.list"

if [ "$MODE" = kacs ]; then
	for f in $(ordered_tree_files); do
		[ -f "$ROOT/$f" ] || die "series lists missing file $f"
		case "$f" in
		*.patch)
			# A fragment's file is copied whole, in its final form.
			is_fragment "$f" && continue
			t=$(patch_target "$ROOT/$f")
			if [ ! -f "$STAGE/$t" ]; then
				mkdir -p "$(dirname "$STAGE/$t")"
				if [ -f "$BASE/$t" ]; then
					cp "$BASE/$t" "$STAGE/$t"
				else
					: > "$STAGE/$t"
				fi
				echo "$t" >> "$STAGE/.list"
			fi
			if ! out=$(patch -s -p1 --fuzz=0 --no-backup-if-mismatch \
				   -r - -d "$STAGE" < "$ROOT/$f" 2>&1); then
				echo "$out" >&2
				die "patch $f does not apply with fuzz 0 to $t"
			fi
			;;
		*)
			[ -e "$BASE/$f" ] &&
				die "$f exists upstream: keep a diff ($f.patch) instead"
			mkdir -p "$(dirname "$STAGE/$f")"
			cp "$ROOT/$f" "$STAGE/$f"
			echo "$f" >> "$STAGE/.list"
			;;
		esac
	done
fi

changed=0
while read -r p; do
	mkdir -p "$(dirname "$DEST/$p")"
	if ! cmp -s "$STAGE/$p" "$DEST/$p"; then
		rm -f "$DEST/$p"
		cp "$STAGE/$p" "$DEST/$p"
		changed=$((changed + 1))
	fi
done < "$STAGE/.list"

# Files applied last time but not now: restore upstream or remove.
if [ -f "$DEST/.kacs-manifest" ]; then
	grep -vxF -f "$STAGE/.list" "$DEST/.kacs-manifest" | while read -r p; do
		[ -n "$p" ] || continue
		rm -f "$DEST/$p"
		[ -f "$BASE/$p" ] && cp -p "$BASE/$p" "$DEST/$p"
		echo "restored $p" >&2
	done || true
fi
cp "$STAGE/.list" "$DEST/.kacs-manifest"
log "$MODE tree $DEST: $(wc -l < "$STAGE/.list") project files, $changed rewritten"
