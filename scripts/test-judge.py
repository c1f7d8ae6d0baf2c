#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Test the judge on the synthetic console logs in scripts/judge-tests/.

Runs parse-results.py on each log against judge-tests/manifest.txt (and
compare-peers.py on pairs of logs) and checks the verdict: pass, or fail
with the key message.  Before each run the output JSON is replaced by a
stale "passing" one, which the judge must not leave behind.  Prints TAP
and exits 1 on any wrong verdict.  Takes about a second.
"""
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
LOGS = os.path.join(HERE, 'judge-tests')
MANIFEST = os.path.join(LOGS, 'manifest.txt')
PASS, FAIL = 'pass', 'fail'

# (log, kernel, verdict, key message), judged as in `make check`
# (--flaky-compared: compare-peers.py judges the known-flaky cases).
JUDGE = [
    ('good-stock.log', 'stock', PASS, None),
    ('good-kacs.log', 'kacs', PASS, None),
    ('good-debug.log', 'debug', PASS, None),
    ('no-binaries.log', 'kacs', FAIL, 'kacs:kacs_test did not run'),
    ('kunit-suite-skip.log', 'kacs', FAIL, 'KUnit suite kacs_lsm skipped'),
    ('kunit-zero-cases.log', 'kacs', FAIL,
     'KUnit suite kacs_lsm has no cases'),
    ('kunit-top-level-only.log', 'kacs', FAIL,
     'KUnit suite kacs_lsm did not run'),
    ('lsm-no-kacs.log', 'kacs', FAIL, 'the kacs kernel booted without kacs'),
    ('kacs-skip.log', 'kacs', FAIL,
     'SKIP in kacs:kacs_test:global.token_query, which must not skip'),
    ('kacs-skip-binary.log', 'kacs', FAIL,
     'kacs:clone_test: skipped entirely (1..0 # SKIP)'),
    ('plan-short.log', 'kacs', FAIL,
     'kacs:clone_test: plan 1..61 but 3 results'),
    ('xfail-crash.log', 'kacs', FAIL, 'ptrace:vmaccess: killed by signal 11'),
    ('xfail-timeout.log', 'kacs', FAIL,
     'clone3:clone3_cap_checkpoint_restore: timed out'),
    ('xfail-other-case.log', 'kacs', FAIL, 'not ok: clone3:clone3_cap_'
     'checkpoint_restore:global.clone3_set_tid_unprivileged'),
    ('flaky-crash.log', 'kacs', FAIL, 'cgroup:test_freezer (attempt 1 of 3): '
     'not ok: cgroup:test_freezer:test_cgfreezer_migrate (listed in '
     'flaky.txt, not excused'),
    ('malformed-end.log', 'kacs', FAIL, 'malformed END line'),
    ('no-such.log', 'kacs', FAIL, 'cannot read the console log'),
    ('stock-flaky-3-of-3.log', 'stock', PASS, 'test_cgfreezer_migrate '
     'passed 0 of 3 attempts; compare-peers.py judges it'),
    ('kacs-flaky-2-of-3.log', 'kacs', PASS, None),
]
# The same, judged as one kernel alone (`make check-debug`).
ALONE = [
    ('kacs-flaky-2-of-3.log', 'kacs', PASS,
     'passed 1 of 3 attempts (listed in flaky.txt, excused)'),
    ('stock-flaky-3-of-3.log', 'stock', FAIL, 'test_cgfreezer_migrate passed '
     '0 of 3 attempts: a listed flaky case that never passed'),
]

# (stock log, kacs log, verdict, key message) of compare-peers.py.
PEERS = [
    ('good-stock.log', 'good-kacs.log', PASS, None),
    ('stock-flaky-3-of-3.log', 'kacs-flaky-2-of-3.log', PASS,
     '# reported, not counted: an upstream race that hits both kernels'),
    ('stock-flaky-3-of-3.log', 'good-kacs.log', PASS,
     '# reported, not counted: the upstream race hit the stock kernel only'),
    ('good-stock.log', 'kacs-flaky-2-of-3.log', FAIL,
     'test_cgfreezer_migrate failed on KACS only: stock passed 3 of 3 '
     'attempts, KACS 1 of 3'),
    ('good-stock.log', 'kacs-peer-difference.log', FAIL,
     'peer difference ptrace:vmaccess:global.attach: stock=xfail kacs=xpass '
     '(unexplained)'),
]


def judge(tmp, log, kernel, compared):
    """Run parse-results.py; return (exit status, output, result or None)."""
    with tempfile.NamedTemporaryFile('w', dir=tmp, suffix='.json',
                                     delete=False) as f:
        json.dump({'stale': True, 'problems': [], 'manifest': []}, f)
    out = f.name
    cmd = [sys.executable, os.path.join(HERE, 'parse-results.py'),
           '--kernel', kernel, '--manifest', MANIFEST,
           os.path.join(LOGS, log), out]
    if compared:
        cmd.insert(2, '--flaky-compared')
    p = subprocess.run(cmd, capture_output=True, text=True)
    res = None
    if os.path.exists(out):
        with open(out) as f:
            res = json.load(f)
    return p.returncode, p.stdout + p.stderr, res, out


def verdict(rc, output, expect, key):
    """None if the verdict and the key message are right, else the error."""
    if rc != (0 if expect == PASS else 1):
        return 'expected a %s, got rc=%d:\n%s' % (expect, rc, output)
    if key is not None and key not in output:
        return 'no "%s" in the output:\n%s' % (key, output)
    return None


def check_judge(tmp, log, kernel, expect, key, compared):
    rc, output, res, _ = judge(tmp, log, kernel, compared)
    bad = verdict(rc, output, expect, key)
    if bad is None and (res is None or 'stale' in res):
        bad = 'no fresh results JSON:\n' + output
    return bad


def check_peers(tmp, stock_log, kacs_log, expect, key):
    outs = []
    for log, kernel in ((stock_log, 'stock'), (kacs_log, 'kacs')):
        rc, output, _, out = judge(tmp, log, kernel, True)
        if rc:
            return 'judging %s failed:\n%s' % (log, output)
        outs.append(out)
    p = subprocess.run([sys.executable,
                        os.path.join(HERE, 'compare-peers.py')] + outs,
                       capture_output=True, text=True)
    return verdict(p.returncode, p.stdout + p.stderr, expect, key)


def main():
    names, calls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for cases, compared in ((JUDGE, True), (ALONE, False)):
            for log, kernel, expect, key in cases:
                names.append('judge %s (%s kernel%s): %s' % (
                    log, kernel, '' if compared else ' alone', expect))
                calls.append((check_judge, tmp, log, kernel, expect, key,
                              compared))
        for stock_log, kacs_log, expect, key in PEERS:
            names.append('compare %s with %s: %s' % (stock_log, kacs_log,
                                                     expect))
            calls.append((check_peers, tmp, stock_log, kacs_log, expect, key))
        with ThreadPoolExecutor(4) as ex:
            bads = list(ex.map(lambda c: c[0](*c[1:]), calls))
    results = list(zip(names, bads))
    for n, (name, bad) in enumerate(results, 1):
        print('%s %d %s' % ('not ok' if bad else 'ok', n, name))
        if bad:
            print('\n'.join('# ' + l for l in bad.splitlines()))
    print('1..%d' % len(results))
    return 1 if any(bad for _, bad in results) else 0


if __name__ == '__main__':
    sys.exit(main())
