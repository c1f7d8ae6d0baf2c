#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Judge a KACS QEMU test run from its serial console log.

parse-results.py LOG JSON_OUT [--peer-only]

Counts KUnit (KTAP printed at boot) and kselftest TAP results per suite and
fails on: a "not ok" that is not an expected failure, a missing plan, a
test that did not run or did not finish, a timeout, or a kernel report
(panic, Oops, BUG, WARNING, KASAN, UBSAN, lockdep, kmemleak) on the console.
Writes a JSON summary used by check.sh and for the stock/KACS comparison.

A test binary that contains a case listed in flaky.txt is run again by the
guest when it fails (up to the number of attempts given in its list entry).
Only the last attempt counts; an earlier failed attempt is excused, and
reported as "flaky", only if every problem in it is a "not ok" of a listed
case (plus the non-zero exit that goes with it).  Anything else in an
earlier attempt - another failing case, a timeout, a crash - still fails.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
TAP = re.compile(r'^(\s*)(not ok|ok)\s+(\d+)\s*-?\s*(.*?)\s*$')
PLAN = re.compile(r'^\s*1\.\.(\d+)')
KREPORT = re.compile(r'Kernel panic|Oops|BUG:|WARNING:|KASAN:|UBSAN:|'
                     r'possible circular locking|inconsistent lock state|'
                     r'possible recursive locking|suspicious RCU usage|'
                     r'sleeping function called from invalid context|'
                     r'general protection fault|refcount_t:|'
                     r'list_add corruption|list_del corruption|'
                     r'unreferenced object')


def load_list(name):
    items = []
    with open(os.path.join(HERE, name)) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            key, _, reason = line.partition('\t')
            items.append((key.strip(), reason.strip()))

    return items


def match_reason(xfails, suite, binary, name):
    for key, reason in xfails:
        s, b, rx = key.split(':', 2)
        if s == suite and b == binary and re.search(rx, name):
            return reason
    return None


def main():
    log, out = sys.argv[1], sys.argv[2]
    xfails = load_list('expected-failures.txt')
    flaky = load_list('flaky.txt')
    noplan = {}
    for k, rest in load_list('no-plan.txt'):
        noplan[k] = rest.split('\t')[0].strip()
    with open(log, errors='replace') as f:
        lines = [l.rstrip('\r\n') for l in f]

    suites = {}
    problems = []
    cases = {}
    expected_tests = []

    def suite(name):
        return suites.setdefault(name, {'pass': 0, 'fail': 0, 'skip': 0,
                                        'xfail': 0, 'xpass': 0, 'flaky': 0,
                                        'secs': 0.0})

    # Finished test-binary runs, per "suite:binary", in console order.
    # Each: {'counts', 'cases', 'problems', 'excusable'}.
    attempts = {}

    def excerpt(i, n=12):
        return '\n'.join('    | ' + l for l in lines[max(0, i - n):i + 3])

    booted = False
    kunit_seen = False
    cur = None      # (suite, binary, start index, state)
    done = False
    for i, raw in enumerate(lines):
        is_kernel = bool(TS.match(raw))
        text = TS.sub('', raw)
        if is_kernel and KREPORT.search(text):
            problems.append('kernel report on console: %s\n%s' %
                            (text.strip(), excerpt(i)))
        if raw.startswith('=== BOOT-OK'):
            booted = True
            continue
        if raw.startswith('=== ALL-DONE'):
            done = True
        if raw.startswith('=== QEMU-TIMEOUT'):
            problems.append('QEMU run timed out\n%s' % excerpt(i))
        if not booted:
            m = TAP.match(text)
            if is_kernel and m:
                indent, res, _, desc = m.groups()
                if len(indent) == 0:
                    kunit_seen = True
                    if res == 'not ok' and '# SKIP' not in desc:
                        problems.append('KUnit suite failed: %s' % desc)
                    continue
                s = suite('kunit')
                name = desc.split(' #')[0]
                if '# SKIP' in desc:
                    s['skip'] += 1
                elif res == 'ok':
                    s['pass'] += 1
                else:
                    s['fail'] += 1
                    problems.append('KUnit case failed: %s\n%s' % (desc, excerpt(i)))
                cases['kunit::' + name + '#' + str(i)] = res
            continue
        if raw.startswith('=== BEGIN kmemleak'):
            cur = ('kmemleak', 'kmemleak', i, {})
            continue
        if raw.startswith('=== END kmemleak'):
            cur = None
            continue
        if raw.startswith('=== MISSING '):
            problems.append('test did not run (missing): %s' % raw[12:])
            continue
        m = re.match(r'^=== BEGIN (\S+):(\S+)', raw)
        if m:
            if cur:
                problems.append('%s:%s did not finish' % cur[:2])
            cur = (m.group(1), m.group(2), i,
                   {'plan': False, 'pass': 0, 'fail': 0, 'skip': 0,
                    'xfail': 0, 'xpass': 0, 'problems': [], 'cases': {},
                    'flaky_fail': 0})
            if '%s:%s' % cur[:2] not in expected_tests:
                expected_tests.append('%s:%s' % cur[:2])
            continue
        m = re.match(r'^=== END (\S+):(\S+) rc=(\d+) secs=([\d.]+)', raw)
        if m and cur:
            su, b, start, st = cur
            rc = int(m.group(3))
            suite(su)['secs'] += float(m.group(4))
            key = '%s:%s' % (su, b)
            probs = st['problems']
            # Failures that only come from listed flaky cases.
            excusable = len(probs) == st['flaky_fail']
            if rc in (124, 137, 143):
                if not st['xfail']:
                    excusable = False
                    probs.append('%s timed out (rc=%d)\n%s' % (key, rc, excerpt(i)))
            elif rc == 4 and st['pass'] == 0 and st['fail'] == 0:
                excusable = False
                probs.append('%s skipped entirely (exit 4)\n%s' % (key, excerpt(i)))
            elif rc != 0 and not (st['xfail'] and not st['fail']):
                probs.append('%s exited with rc=%d\n%s' % (key, rc, excerpt(i)))
            if noplan.get(key) == 'exitcode':
                st['pass' if rc == 0 else 'fail'] += 1
                st['cases'][key + ':exit'] = 'ok' if rc == 0 else 'not ok'
            elif not st['plan'] and key not in noplan:
                excusable = False
                probs.append('%s printed no TAP plan\n%s' % (key, excerpt(i)))
            elif st['pass'] + st['fail'] + st['skip'] + st['xfail'] + st['xpass'] == 0:
                excusable = False
                probs.append('%s reported no test results\n%s' % (key, excerpt(i)))
            attempts.setdefault(key, []).append(
                {'counts': st, 'cases': st['cases'], 'problems': probs,
                 'excusable': excusable and st['flaky_fail'] > 0})
            cur = None
            continue
        if cur is None:
            continue
        su, b, start, st = cur
        if su == 'kmemleak':
            if 'unreferenced object' in raw:
                problems.append('kmemleak: %s\n%s' % (raw.strip(), excerpt(i)))
            continue
        if is_kernel:
            continue
        if PLAN.match(raw):
            st['plan'] = True
            continue
        m = TAP.match(raw)
        if not m or len(m.group(1)) > 0:
            continue
        res, desc = m.group(2), m.group(4)
        name = re.split(r'\s+#\s*', desc)[0]
        ckey = '%s:%s:%s' % (su, b, name)
        if re.search(r'#\s*SKIP', desc, re.I):
            st['skip'] += 1
            st['cases'][ckey] = 'skip'
            continue
        reason = match_reason(xfails, su, b, name)
        if res == 'ok':
            if reason:
                st['xpass'] += 1
                st['cases'][ckey] = 'xpass'
            else:
                st['pass'] += 1
                st['cases'][ckey] = 'ok'
        else:
            if reason:
                st['xfail'] += 1
                st['cases'][ckey] = 'xfail'
            else:
                st['fail'] += 1
                st['cases'][ckey] = 'not ok'
                if match_reason(flaky, su, b, name):
                    st['flaky_fail'] += 1
                st['problems'].append('not ok: %s\n%s' % (ckey, excerpt(i, 25)))
    if cur and cur[0] != 'kmemleak':
        problems.append('%s:%s did not finish (crash or hang)' % cur[:2])

    flaky_notes = []
    for key, runs in attempts.items():
        counts = suite(key.split(':')[0])
        for n, run in enumerate(runs[:-1], 1):
            if run['excusable']:
                counts['flaky'] += 1
                bad = sorted(c for c, r in run['cases'].items() if r == 'not ok')
                flaky_notes.append('%s: attempt %d of %d failed (%s), listed in '
                                   'flaky.txt; the last attempt counts'
                                   % (key, n, len(runs), ', '.join(bad)))
            else:
                problems.extend('(attempt %d of %d) %s' % (n, len(runs), p)
                                for p in run['problems'])
        last = runs[-1]
        for k in ('pass', 'fail', 'skip', 'xfail', 'xpass'):
            counts[k] += last['counts'][k]
        cases.update(last['cases'])
        problems.extend(last['problems'])
    if not booted:
        problems.append('the guest never reached /init')
    elif not done:
        problems.append('the guest did not finish the test list')
    if booted and not kunit_seen and not os.environ.get('KACS_NO_KUNIT'):
        problems.append('no KUnit results on the console')

    res = {'suites': suites, 'problems': problems, 'cases': cases,
           'tests': expected_tests, 'flaky': flaky_notes}
    with open(out, 'w') as f:
        json.dump(res, f, indent=1, sort_keys=True)
    for p in problems:
        print('FAIL: ' + p)
    for n in flaky_notes:
        print('FLAKY: ' + n)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
