#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check.sh [debug]
#
# The whole test run behind `make check` (or `make check-debug`): test the
# judge on its synthetic logs and the engine tables in user space, build
# the stock and the KACS kernel from the same base and config, boot each in
# QEMU running its test list, judge the console logs against
# scripts/manifest.txt, compare the peer suites, and verify the review
# series.  The last line printed is "N passed, N failed"; the exit status
# is non-zero on any failure.
. "$(dirname "$0")/lib.sh"

MODE=${1:-normal}
T0=$(date +%s)
"$ROOT/scripts/prepare-base.sh"
echo "Base: Linux $(cat "$ROOT/out/base-version")"

if [ "$MODE" = debug ]; then VARIANTS="debug"; else VARIANTS="stock kacs"; fi
mkdir -p "$OUT/check"
: > "$OUT/check/checks.tap"
extra_pass=0 extra_fail=0
record() {	# rc description
	if [ "$1" = 0 ]; then
		extra_pass=$((extra_pass + 1)); echo "ok - $2" >> "$OUT/check/checks.tap"
	else
		extra_fail=$((extra_fail + 1)); echo "not ok - $2" >> "$OUT/check/checks.tap"
	fi
}

rc=0
"$ROOT/scripts/test-judge.py" > "$OUT/check/judge-tests.tap" 2>&1 || rc=$?
record $rc "judge: verdicts on the synthetic console logs (scripts/judge-tests)"
rc=0
make -s -C "$ROOT/tools/testing/kacs-engine" OUTPUT="$OUT/engine" run \
	> "$OUT/check/engine.log" 2>&1 || rc=$?
record $rc "engine: KUnit tables under ASan/UBSan (tools/testing/kacs-engine)"
rc=0
make -s -C "$ROOT/tools/kacs" test > "$OUT/check/kacs-tool.log" 2>&1 || rc=$?
record $rc "tools/kacs: SDDL round trips and malformed corpus on the host ($(tail -n 1 "$OUT/check/kacs-tool.log"))"
# Ported Peios cases: every table row names an existing test that cites
# it; with the case page (../shared/spec) present, the table also covers
# every in-scope case and at least 95 % of them have a test.
rc=0 page=$ROOT/../shared/spec/peios-integration-cases.md
if [ -f "$page" ]; then set -- --cases "$page" --min-coverage 95; else set --; fi
"$ROOT/scripts/check-case-table.py" "$@" > "$OUT/check/case-table.log" 2>&1 || rc=$?
record $rc "selftests/kacs: Peios case table ($(tail -n 1 "$OUT/check/case-table.log"))"
rc=0
"$ROOT/scripts/readme-counts.py" --check > "$OUT/check/readme-counts.log" 2>&1 || rc=$?
record $rc "README: test counts generated from scripts/manifest.txt"

# In make check the peer comparison judges known-flaky cases (flaky.txt).
flaky=--flaky-compared; [ "$MODE" = debug ] && flaky=
for v in $VARIANTS; do
	t=$(date +%s)
	"$ROOT/scripts/build-kernel.sh" "$v"
	"$ROOT/scripts/build-userspace.sh" "$v"
	tmo=1500; [ "$v" = debug ] && tmo=4200
	"$ROOT/scripts/run-qemu.sh" "$v" tests $tmo
	# No stale results: a judge that fails to write them is a failure.
	rm -f "$OUT/$v/results.json"
	rc=0
	"$ROOT/scripts/parse-results.py" --kernel "$v" $flaky \
		--manifest "$ROOT/scripts/manifest.txt" "$OUT/$v/console-tests.log" \
		"$OUT/$v/results.json" > "$OUT/$v/problems.txt" 2>&1 || rc=$?
	[ -f "$OUT/$v/results.json" ] ||
		record 1 "judge: parse-results.py wrote no results for the $v kernel (rc=$rc)"
	echo "$(( $(date +%s) - t ))" > "$OUT/$v/total-secs"
done

if [ "$MODE" != debug ]; then
	set +e
	"$ROOT/scripts/compare-peers.py" "$OUT/stock/results.json" \
		"$OUT/kacs/results.json" > "$OUT/check/compare.tap"
	record $? "peer suites: same results on stock and KACS kernels"
	"$ROOT/scripts/mkseries.sh" > "$OUT/check/series.log" 2>&1
	rc=$?
	record $rc "make series"
	if [ $rc = 0 ]; then
		"$ROOT/scripts/check-series.sh" > "$OUT/check/series.tap" 2>&1
		while read -r line; do
			case "$line" in
			"ok "*) record 0 "series: ${line#ok [0-9]* }" ;;
			"not ok "*) record 1 "series: ${line#not ok [0-9]* }" ;;
			esac
		done < "$OUT/check/series.tap"
	fi
	set -e
fi

python3 - "$OUT" $VARIANTS <<'PY'
import json, os, sys
out, variants = sys.argv[1], sys.argv[2:]
print()
print('%-8s %-14s %6s %6s %6s %6s %6s %8s' % ('kernel', 'suite', 'pass', 'fail', 'skip',
      'xfail', 'flaky', 'secs'))
print('-' * 67)
notes = []
for v in variants:
    path = '%s/%s/results.json' % (out, v)
    if not os.path.exists(path):
        print('%-8s (no results: the judge failed)' % v)
        continue
    r = json.load(open(path))
    for name in sorted(r['suites']):
        s = r['suites'][name]
        print('%-8s %-14s %6d %6d %6d %6d %6d %8.1f' % (v, name, s['pass'], s['fail'],
              s['skip'], s['xfail'] + s['xpass'], s['flaky'], s['secs']))
    notes += ['%s kernel: %s' % (v, n) for n in r['notes']]
if notes:
    print()
    print('Failed attempts of known-flaky upstream cases (scripts/flaky.txt):')
    for n in notes:
        print('  ' + n)
PY
echo
echo "Engine tables (tools/testing/kacs-engine, ASan/UBSan):"
sed 's/^/  /' "$OUT/check/engine.log"
echo
for v in $VARIANTS; do
	if [ -s "$OUT/$v/problems.txt" ]; then
		echo "Problems on the $v kernel:"
		cat "$OUT/$v/problems.txt"
		echo
	fi
done
if [ -s "$OUT/check/checks.tap" ]; then
	echo "Other checks:"
	cat "$OUT/check/checks.tap"
	grep -h '^not ok\|^#\|# reported' "$OUT/check/judge-tests.tap" \
		"$OUT/check/compare.tap" "$OUT/check/series.tap" 2>/dev/null | head -n 60 || true
	echo
fi
for v in $VARIANTS; do
	echo "Timing $v: kernel build $(cat "$OUT/$v/kernel-build-secs") s, QEMU run $(cat "$OUT/$v/qemu-tests-secs") s, total $(cat "$OUT/$v/total-secs") s"
done
echo "Total wall time: $(( $(date +%s) - T0 )) s"
python3 - "$OUT" "$extra_pass" "$extra_fail" $VARIANTS <<'PY'
import json, os, sys
out, ep, ef, variants = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
p, f = ep, ef
for v in variants:
    path = '%s/%s/results.json' % (out, v)
    if not os.path.exists(path):
        continue    # recorded as a failed check
    r = json.load(open(path))
    p += sum(s['pass'] for s in r['suites'].values())
    # every problem is one failure (a "not ok", a timeout, a kernel report,
    # a difference from the manifest ...)
    f += len(r['problems']) + len(r['manifest'])
print('%d passed, %d failed' % (p, f))
sys.exit(1 if f else 0)
PY
