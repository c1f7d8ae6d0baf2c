#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Judge a KACS QEMU test run from its serial console log.

parse-results.py --kernel stock|kacs|debug --manifest FILE [--flaky-compared]
                 LOG JSON_OUT

The judge fails closed.  It deletes JSON_OUT first and writes it only when
it has judged the whole log, so a crash leaves no result behind.  Every
item below is one problem; any problem makes the exit status 1.

Against the manifest (scripts/manifest.txt, section KERNEL): the lsm= list
printed at boot, every KUnit suite with its number of cases and parameter
results, every test binary, the number of results of each binary that has
a count, and "noskip" binaries that report a SKIP.  Anything missing,
extra or different is a problem that says what.

In the run: a KUnit suite or case that fails or skips, a KUnit suite
without cases or whose plan differs from its cases, a top-level KTAP plan
that differs from the suites; a "not ok" that is not an expected failure,
a plan that differs from the number of results, a missing plan, no
results, a binary that did not finish, timed out, was killed by a signal
or exited non-zero without a failing case; a missing test directory, a
malformed marker line, a QEMU timeout, an unfinished test list and any
kernel report (panic, Oops, BUG, WARNING, KASAN, UBSAN, lockdep, kmemleak).

Expected failures (expected-failures.txt) name exact cases: only that
case's "not ok" (and the exit status 1 it causes) is excused; a crash, a
timeout, a missing plan or any other failure of the binary is not.

Known-flaky cases (flaky.txt): the guest runs a binary that holds one
several times.  An attempt in which a listed case fails is excused only
if every failure in it is a listed case and the binary exited normally
with a complete plan; otherwise the listed failures count too.  A listed
case is judged by its pass count over the attempts: with --flaky-compared
(make check, both kernels) compare-peers.py judges it against the other
kernel; without it a listed case that never passed is a problem.
"""
import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field

import manifest as mf

HERE = os.path.dirname(os.path.abspath(__file__))
TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
TAP = re.compile(r'^( *)(not ok|ok)\s+(\d+)\s*-?\s*(.*?)\s*$')
PLAN = re.compile(r'^( *)1\.\.(\d+)(.*)$')
SKIP = re.compile(r'#\s*SKIP', re.I)
SUBTEST = re.compile(r'^ {4}# Subtest: (\S+)')
BEGIN = re.compile(r'^=== BEGIN (\S+?:\S+) attempt=(\d+)$')
END = re.compile(r'^=== END (\S+?:\S+) rc=(\d+) secs=(\d+(?:\.\d+)?)$')
KREPORT = re.compile(r'Kernel panic|Oops|BUG:|WARNING:|KASAN:|UBSAN:|'
                     r'possible circular locking|inconsistent lock state|'
                     r'possible recursive locking|suspicious RCU usage|'
                     r'sleeping function called from invalid context|'
                     r'general protection fault|refcount_t:|'
                     r'list_add corruption|list_del corruption|'
                     r'unreferenced object')
KMEMLEAK = 'kmemleak'
COUNTS = ('pass', 'fail', 'skip', 'xfail', 'xpass', 'flaky')


@dataclass
class Result:
    name: str
    res: str        # 'ok' or 'not ok'
    skip: bool
    line: int


@dataclass
class Attempt:
    key: str        # suite:binary
    n: int
    last: int       # index of its last console line so far
    rc: int | None = None       # None: no END line
    secs: float = 0.0
    end: int | None = None
    plan: int | None = None
    plan_skip: bool = False
    results: list = field(default_factory=list)


@dataclass
class KSuite:
    name: str
    plan: int | None = None
    cases: int = 0
    params: int = 0
    result: str | None = None   # 'ok', 'not ok', 'skip'; None: no end line
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    bad: list = field(default_factory=list)     # (message, line)


@dataclass
class Console:
    lines: list
    booted: bool = False
    lsm: str | None = None
    done: bool = False
    kunit_plan: int | None = None
    kunit: dict = field(default_factory=dict)
    kunit_cur: KSuite | None = None
    attempts: list = field(default_factory=list)
    events: list = field(default_factory=list)  # (message, line)


# ---------------------------------------------------------------- reading


def load_list(name):
    items = {}
    with open(os.path.join(HERE, name)) as f:
        for line in f:
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                key, _, reason = line.partition('\t')
                items[key.strip()] = reason.strip()
    return items


def tap_name(num, desc):
    name, _, _ = desc.partition('#')
    return name.strip() or '#' + num


def kunit_line(con, text, i):
    """A kernel console line before /init: KTAP of the built-in KUnit."""
    body = text.lstrip(' ')
    indent = len(text) - len(body)
    plan, tap = PLAN.match(text), TAP.match(text)
    sub = SUBTEST.match(text)
    s = con.kunit_cur
    if indent == 0 and plan and con.kunit_plan is None:
        con.kunit_plan = int(plan.group(2))
    elif indent == 0 and tap:
        name = tap_name(tap.group(3), tap.group(4))
        s = con.kunit.setdefault(name, KSuite(name))
        s.result = 'skip' if SKIP.search(tap.group(4)) else tap.group(2)
        con.kunit_cur = None
    elif sub:
        con.kunit_cur = con.kunit.setdefault(sub.group(1),
                                             KSuite(sub.group(1)))
    elif indent == 4 and plan and s:
        s.plan = int(plan.group(2))
    elif indent in (4, 8) and tap:
        if s is None:
            con.events.append(('KUnit result outside a suite: %s' % body, i))
            return
        if indent == 4:
            s.cases += 1
        else:
            s.params += 1
        desc = '%s: %s' % (s.name, tap_name(tap.group(3), tap.group(4)))
        if SKIP.search(tap.group(4)):
            s.counts['skip'] += 1
            s.bad.append(('KUnit case skipped: ' + desc, i))
        elif tap.group(2) == 'ok':
            s.counts['pass'] += 1
        else:
            s.counts['fail'] += 1
            s.bad.append(('KUnit case failed: ' + desc, i))


def marker(con, raw, i, cur):
    """An "=== ..." line of the guest's /init; returns the open attempt."""
    if raw.startswith('=== BOOT-OK'):
        con.booted = True
        m = re.search(r' lsm=(\S*)\s*$', raw)
        con.lsm = m.group(1) if m else ''
    elif raw.startswith('=== ALL-DONE'):
        con.done = True
    elif raw.startswith('=== QEMU-TIMEOUT'):
        con.events.append(('QEMU run timed out', i))
    elif raw.startswith('=== MISSING '):
        con.events.append(('test did not run (its directory is missing): '
                           + raw[12:].strip(), i))
    elif raw == '=== BEGIN kmemleak':
        return KMEMLEAK
    elif raw == '=== END kmemleak':
        return None
    elif raw.startswith('=== BEGIN '):
        m = BEGIN.match(raw)
        if not m:
            con.events.append(('malformed BEGIN line: %r' % raw, i))
            return None
        att = Attempt(m.group(1), int(m.group(2)), i)
        con.attempts.append(att)
        return att
    elif raw.startswith('=== END '):
        m = END.match(raw)
        if not m:
            con.events.append(('malformed END line: %r' % raw, i))
        elif not isinstance(cur, Attempt) or cur.key != m.group(1):
            con.events.append(('END line without its BEGIN: %r' % raw, i))
        else:
            cur.rc, cur.secs, cur.end = int(m.group(2)), float(m.group(3)), i
        return None
    return cur


def test_line(att, raw, i):
    """A line of test-binary output (TAP at the top level counts)."""
    plan, tap = PLAN.match(raw), TAP.match(raw)
    if plan and not plan.group(1) and att.plan is None:
        att.plan = int(plan.group(2))
        att.plan_skip = bool(SKIP.search(plan.group(3)))
    elif tap and not tap.group(1):
        desc = tap.group(4)
        att.results.append(Result(tap_name(tap.group(3), desc), tap.group(2),
                                  bool(SKIP.search(desc)), i))


def read_console(lines):
    con = Console(lines)
    cur = None
    for i, raw in enumerate(lines):
        kernel = TS.match(raw)
        text = raw[kernel.end():] if kernel else raw
        if kernel and KREPORT.search(text):
            con.events.append(('kernel report on console: ' + text.strip(), i))
        if raw.startswith('=== '):
            cur = marker(con, raw, i, cur)
        elif not con.booted:
            if kernel:
                kunit_line(con, text, i)
        elif cur == KMEMLEAK:
            if 'unreferenced object' in raw:
                con.events.append(('kmemleak: ' + raw.strip(), i))
        elif isinstance(cur, Attempt):
            cur.last = i
            if not kernel:
                test_line(cur, raw, i)
    return con


# ---------------------------------------------------------------- judging


class Judge:
    def __init__(self, con, kernel, expected, flaky_compared):
        self.con = con
        self.kernel = kernel
        self.exp = expected
        self.flaky_compared = flaky_compared
        self.xfail = load_list('expected-failures.txt')
        self.flaky_list = load_list('flaky.txt')
        self.noplan = {k: v.split('\t')[0].strip()
                       for k, v in load_list('no-plan.txt').items()}
        self.problems = []
        self.manifest = []
        self.notes = []
        self.suites = {}
        self.cases = {}
        self.flaky = {}
        self.binaries = {}

    def excerpt(self, i, n=12):
        if i is None:
            return ''
        lines = self.con.lines[max(0, i - n):i + 3]
        return '\n' + '\n'.join('    | ' + l for l in lines)

    def problem(self, msg, line=None, n=12):
        self.problems.append(msg + self.excerpt(line, n))

    def suite(self, name):
        return self.suites.setdefault(name, dict.fromkeys(COUNTS, 0) |
                                      {'secs': 0.0})

    # -- boot and kernel-level events

    def boot(self):
        con = self.con
        for msg, line in con.events:
            self.problem(msg, line)
        if not con.booted:
            self.problem('the guest never reached /init')
            return
        if not con.done:
            self.problem('the guest did not finish the test list')
        lsm = con.lsm.split(',') if con.lsm else []
        if self.kernel == 'stock' and 'kacs' in lsm:
            self.problem('the stock kernel booted with kacs in lsm=%s'
                         % con.lsm)
        if self.kernel != 'stock' and 'kacs' not in lsm:
            self.problem('the %s kernel booted without kacs: lsm=%s'
                         % (self.kernel, con.lsm))
        if self.exp['lsm'] is not None and con.lsm != self.exp['lsm']:
            self.manifest.append('lsm=%s at boot, the manifest expects '
                                 'lsm=%s' % (con.lsm, self.exp['lsm']))

    # -- KUnit

    def kunit(self):
        con, exp = self.con, self.exp['kunit']
        if con.booted and con.kunit_plan is None:
            self.problem('no KUnit plan (KTAP "1..N") on the console')
        elif con.kunit_plan is not None and con.kunit_plan != len(con.kunit):
            self.problem('KUnit plan 1..%d but %d suites reported'
                         % (con.kunit_plan, len(con.kunit)))
        for s in con.kunit.values():
            self.kunit_suite(s)
        for name in exp:
            if name not in con.kunit:
                self.manifest.append('KUnit suite %s did not run (the '
                                     'manifest expects %d cases)'
                                     % (name, exp[name]['cases']))
        for name, s in con.kunit.items():
            want = exp.get(name)
            got = {'cases': s.cases, 'params': s.params}
            if want is None:
                self.manifest.append('KUnit suite %s ran but is not in the '
                                     'manifest' % name)
            elif got != want:
                self.manifest.append(
                    'KUnit suite %s: %d cases and %d parameter results, the '
                    'manifest expects %d and %d' % (name, s.cases, s.params,
                                                    want['cases'],
                                                    want['params']))

    def kunit_suite(self, s):
        name = 'KUnit suite ' + s.name
        if s.result is None:
            self.problem(name + ' did not finish')
        elif s.result != 'ok':
            self.problem(name + (' skipped' if s.result == 'skip'
                                 else ' failed'))
        if s.plan is None:
            self.problem(name + ' printed no plan')
        elif s.plan != s.cases:
            self.problem('%s: plan 1..%d but %d cases'
                         % (name, s.plan, s.cases))
        if s.cases == 0:
            self.problem(name + ' has no cases')
        for msg, line in s.bad:
            self.problem(msg, line)
        t = self.suite('kunit')
        for k in ('pass', 'fail', 'skip'):
            t[k] += s.counts[k]

    # -- test binaries

    def attempt_problems(self, att, kind, failed):
        """Problems of the exit status and the plan of one attempt."""
        out = []
        n = len(att.results)
        if att.rc is None:
            out.append('did not finish (crash or hang)')
        elif att.rc == 124:
            out.append('timed out (rc=124)')
        elif att.rc > 128:
            out.append('killed by signal %d (rc=%d): a crash or a timeout'
                       % (att.rc - 128, att.rc))
        elif kind != 'exitcode' and att.rc and not (att.rc == 1 and failed):
            out.append('exited with rc=%d%s' % (
                att.rc, ' and no failing case' if att.rc == 1 else ''))
        if kind == 'exitcode':
            return out
        if att.plan_skip:
            out.append('skipped entirely (1..0 # SKIP)')
        elif att.plan is None and kind != 'noplan':
            out.append('printed no TAP plan')
        elif att.plan is not None and att.plan != n:
            out.append('plan 1..%d but %d results' % (att.plan, n))
        elif n == 0:
            out.append('reported no test results')
        return out

    def judge_attempt(self, att, noskip):
        """Problems, failed listed flaky cases, counts and case results."""
        kind = self.noplan.get(att.key)
        results = att.results
        if kind == 'exitcode' and att.rc is not None:
            results = [Result('exit', 'ok' if att.rc == 0 else 'not ok',
                              False, att.end)]
        probs, flaky = [], []
        counts = dict.fromkeys(COUNTS, 0)
        cases = {}
        for r in results:
            ckey = '%s:%s' % (att.key, r.name)
            if r.skip:
                res = 'skip'
                if noskip:
                    probs.append(('SKIP in %s, which must not skip' % ckey,
                                  r.line))
            elif ckey in self.xfail:
                res = 'xfail' if r.res == 'not ok' else 'xpass'
            elif r.res == 'ok':
                res = 'pass'
            elif ckey in self.flaky_list:
                res = None
                flaky.append((ckey, r.line))
            else:
                res = 'fail'
                probs.append(('not ok: ' + ckey, r.line))
            if res:
                counts[res] += 1
            cases[ckey] = r.res if res in ('pass', 'fail', None) else res
        failed = any(r.res == 'not ok' for r in results)
        end = att.end if att.end is not None else att.last
        probs += [(p, end) for p in self.attempt_problems(att, kind, failed)]
        return probs, flaky, counts, cases

    def binary(self, key, runs, noskip):
        listed = any(c.startswith(key + ':') for c in self.flaky_list)
        if len(runs) > 1 and not listed:
            self.problem('%s ran %d times; only binaries with a case in '
                         'flaky.txt run again' % (key, len(runs)))
        t = self.suite(key.split(':')[0])
        for att in runs:
            probs, flaky, counts, cases = self.judge_attempt(att, noskip)
            tag = '' if len(runs) == 1 else ' (attempt %d of %d)' % (
                att.n, len(runs))
            if probs:
                probs += [('not ok: %s (listed in flaky.txt, not excused: '
                           'the attempt has other problems)' % c, line)
                          for c, line in flaky]
            for msg, line in probs:
                self.problem('%s%s: %s' % (key, tag, msg), line, 20)
            for ckey, res in cases.items():
                if ckey in self.flaky_list:
                    rec = self.flaky.setdefault(ckey, {'runs': 0, 'passes': 0})
                    rec['runs'] += 1
                    rec['passes'] += res == 'ok'
            t['secs'] += att.secs
        for k in ('pass', 'fail', 'skip', 'xfail', 'xpass'):
            t[k] += counts[k]
        self.cases.update(cases)
        self.binaries[key] = {'attempts': len(runs),
                              'results': len(runs[-1].results)}

    def flaky_verdicts(self):
        for ckey, rec in self.flaky.items():
            failed = rec['runs'] - rec['passes']
            if not failed:
                continue
            self.suite(ckey.split(':')[0])['flaky'] += failed
            self.cases[ckey] = 'flaky %d/%d' % (rec['passes'], rec['runs'])
            note = '%s passed %d of %d attempts' % (ckey, rec['passes'],
                                                    rec['runs'])
            if self.flaky_compared:
                self.notes.append(note + '; compare-peers.py judges it '
                                  'against the other kernel')
            elif rec['passes'] == 0:
                self.problem(note + ': a listed flaky case that never passed')
            else:
                self.notes.append(note + ' (listed in flaky.txt, excused)')

    def tests(self):
        runs = {}
        for att in self.con.attempts:
            runs.setdefault(att.key, []).append(att)
        exp = self.exp['binaries']
        for key, atts in runs.items():
            want = exp.get(key)
            self.binary(key, atts, bool(want and want['noskip']))
            got = len(atts[-1].results)
            if want is None:
                self.manifest.append('%s ran but is not in the manifest for '
                                     'the %s kernel' % (key, self.kernel))
            elif want['tests'] not in (None, got):
                self.manifest.append('%s reported %d results, the manifest '
                                     'expects %d' % (key, got, want['tests']))
        for key in exp:
            if key not in runs:
                self.manifest.append('%s did not run (the manifest lists it '
                                     'for the %s kernel)' % (key, self.kernel))
        self.flaky_verdicts()

    def result(self):
        return {'kernel': self.kernel, 'lsm': self.con.lsm,
                'kunit': {n: {'cases': s.cases, 'params': s.params}
                          for n, s in self.con.kunit.items()},
                'binaries': self.binaries, 'suites': self.suites,
                'cases': self.cases, 'flaky': self.flaky,
                'notes': self.notes, 'problems': self.problems,
                'manifest': self.manifest}


def read_log(path):
    """The lines of the console log, or none and the reason."""
    try:
        with open(path, errors='replace') as f:
            return [l.rstrip('\r\n') for l in f], None
    except OSError as e:
        return [], 'cannot read the console log: %s' % e


def load_expected(path, kernel):
    """The manifest section of KERNEL, or an empty one and the reason."""
    try:
        return mf.expected(mf.read(path), kernel), None
    except (OSError, mf.ManifestError) as e:
        return mf.new_kernel(), 'cannot use the manifest: %s' % e


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--kernel', required=True,
                    choices=('stock', 'kacs', 'debug'))
    ap.add_argument('--manifest', required=True)
    ap.add_argument('--flaky-compared', action='store_true')
    ap.add_argument('log')
    ap.add_argument('out')
    args = ap.parse_args()
    if os.path.exists(args.out):
        os.remove(args.out)
    lines, unreadable = read_log(args.log)
    expected, why = load_expected(args.manifest, args.kernel)
    judge = Judge(read_console(lines), args.kernel, expected,
                  args.flaky_compared)
    if unreadable:
        judge.problem(unreadable)
    if why:
        judge.manifest.append(why)
    judge.boot()
    judge.kunit()
    judge.tests()
    res = judge.result()
    with open(args.out + '.tmp', 'w') as f:
        json.dump(res, f, indent=1, sort_keys=True)
    os.replace(args.out + '.tmp', args.out)
    for p in res['problems'] + res['manifest']:
        print('FAIL: ' + p)
    for n in res['notes']:
        print('FLAKY: ' + n)
    return 1 if res['problems'] or res['manifest'] else 0


if __name__ == '__main__':
    sys.exit(main())
