# SPDX-License-Identifier: GPL-2.0-only
# Common settings for the KACS series tooling.  Sourced, not executed.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${KACS_OUT:-$ROOT/out}
BASE=$ROOT/out/base		# shared by every KACS_OUT
BASE_TARBALL=${KACS_BASE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/kacs-ccache}
export CCACHE_BASEDIR=$OUT CCACHE_NOHASHDIR=1
export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2026-01-01}
export KBUILD_BUILD_USER=kacs KBUILD_BUILD_HOST=kacs
JOBS=${JOBS:-$(nproc)}

# Repository paths that mirror the kernel tree.  Everything else (scripts/,
# configs/, series/, the top-level Makefile ...) is tooling.
TREE_PATHS="arch Documentation fs include kernel mm security tools MAINTAINERS.*patch
	scripts/syscall.tbl.patch"

die() { echo "ERROR: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

# need_space MIB DIR: fail early, and say so, when DIR's file system has
# less than MIB MiB free.  A full disk does not always fail where it
# happens: scripts/kallsyms does not check its writes, so a truncated
# symbol table only shows up as undefined kallsyms_* symbols at link time.
need_space() {
	local free
	mkdir -p "$2"
	free=$(df -Pm "$2" | awk 'NR == 2 { print $4 }')
	[ "$free" -ge "$1" ] ||
		die "only $free MiB free under $2; this step needs $1 MiB (free some space, e.g. make clean in other checkouts)"
}

base_version() {
	make -s -C "$BASE" kernelversion 2>/dev/null
}

# List repo files that belong to the kernel tree (new files and .patch diffs).
# Tracked files plus untracked ones that .gitignore does not exclude.
tree_files() {
	# shellcheck disable=SC2086
	(cd "$ROOT" && git ls-files --cached --others --exclude-standard -- \
		$TREE_PATHS | LC_ALL=C sort -u | while read -r f; do
		[ -f "$f" ] && echo "$f"
	done)
}

# The upstream file a .patch diff modifies (from its +++ line).
patch_target() {
	local t
	t=$(sed -n 's|^+++ b/\([^	 ]*\).*|\1|p' "$1")
	[ "$(printf '%s\n' "$t" | grep -c .)" = 1 ] ||
		die "$1: a .patch file must modify exactly one file"
	printf '%s\n' "$t"
}

# A fragment is a .patch diff whose target is a file the series adds (a
# whole file in this repository, absent upstream).  The whole file is the
# final form, which the build uses; its fragments are the steps by which
# the review series grows it: the commit that lists the whole file adds
# it with all its fragments taken out, and each later commit that lists a
# fragment applies it (scripts/mkseries.sh).
is_fragment() {
	local t
	case "$1" in *.patch) ;; *) return 1 ;; esac
	t=$(patch_target "$ROOT/$1")
	[ -f "$ROOT/$t" ] && [ ! -e "$BASE/$t" ]
}

# Series entries in order (series/NNNN-*.txt).
series_entries() {
	(cd "$ROOT" && ls series/[0-9]*.txt 2>/dev/null | LC_ALL=C sort) || true
}

# Files of one series entry; a line ending in "/" stands for every file
# below that directory.
series_files_of() {
	local f
	sed -n '/^Files:$/,$p' "$ROOT/$1" | sed '1d; s/^[ \t]*//; /^$/d' |
	while read -r f; do
		case "$f" in
		*/) tree_files | grep "^$f" ;;
		*) echo "$f" ;;
		esac
	done
}

# All tree files in application order: series order first, then any file
# not yet claimed by a series entry (reported by check-series).
ordered_tree_files() {
	local e listed
	listed=$(mktemp)
	for e in $(series_entries); do
		series_files_of "$e"
	done > "$listed"
	cat "$listed"
	tree_files | grep -vxF -f "$listed" || true
	rm -f "$listed"
}
