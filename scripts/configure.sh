#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# configure.sh SRC BUILD FRAGMENT...
#
# tinyconfig + fragments + olddefconfig, then assert that every option the
# fragments request came out with the requested value.  Skipped when the
# inputs are unchanged, so an unchanged tree is not rebuilt.
. "$(dirname "$0")/lib.sh"

SRC=$1 BUILD=$2
shift 2
mkdir -p "$BUILD"
stamp=$( (cat "$@"; cat "$SRC/.kacs-manifest" 2>/dev/null || true
	  if [ -f "$BUILD/.config" ]; then
		find "$SRC" -name 'Kconfig*' -newer "$BUILD/.config"
	  fi) | sha256sum | cut -d' ' -f1)
if [ -f "$BUILD/.config" ] && [ "$(cat "$BUILD/.kacs-config-stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi

log "configuring $BUILD from tinyconfig + $*"
make -s -C "$SRC" O="$BUILD" tinyconfig >/dev/null
cat "$@" > "$BUILD/.kacs-fragments"
"$SRC/scripts/kconfig/merge_config.sh" -m -O "$BUILD" "$BUILD/.config" \
	"$BUILD/.kacs-fragments" >/dev/null
make -s -C "$SRC" O="$BUILD" olddefconfig >/dev/null

bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		opt=${line%%=*}
		grep -qxF "$line" "$BUILD/.config" || {
			echo "ERROR: $opt: requested '$line', got '$(grep -E "^(# )?$opt[= ]" "$BUILD/.config" || echo unset)'" >&2
			bad=1
		}
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		grep -q "^$opt=" "$BUILD/.config" && {
			echo "ERROR: $opt: requested unset, got set" >&2
			bad=1
		}
		;;
	esac
done < "$BUILD/.kacs-fragments"
[ $bad = 0 ] || die "config options were dropped by olddefconfig (see above)"
# Recompute the stamp now that .config exists (Kconfig -newer test).
echo "$stamp" > "$BUILD/.kacs-config-stamp"
