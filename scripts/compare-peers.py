#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare upstream peer-suite results of the stock and the KACS kernel.

compare-peers.py STOCK_JSON KACS_JSON

Both kernels are built from the same base and config (KACS adds only its
own options).  Every peer-suite test case must have the same result on
both, unless the difference is listed in peer-differences.txt with its
reason.  A case listed in flaky.txt is compared by its pass count over the
attempts instead (policy in flaky.txt): it fails only when the stock
kernel passed every attempt and KACS did not; a failure on both kernels,
or on the stock kernel only, is reported, not counted.  Prints TAP; exits
1 on any "not ok".
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = ('clone3', 'pidfd', 'cgroup', 'ptrace', 'timens', 'nsfs',
        'pid_namespace', 'lsm')


def load_explained():
    explained = {}
    with open(os.path.join(HERE, 'peer-differences.txt')) as f:
        for line in f:
            if line.strip() and not line.startswith('#'):
                k, _, why = line.rstrip('\n').partition('\t')
                explained[k.strip()] = why.strip()
    return explained


def peer(items):
    return {k: v for k, v in items.items() if k.split(':')[0] in PEER}


def flaky_line(key, s, k):
    """(ok, text) for a listed flaky case, from its two pass counts."""
    if s is None or k is None:
        return False, 'flaky case %s did not run on %s' % (
            key, 'the stock kernel' if s is None else 'KACS')
    counts = 'stock passed %d of %d attempts, KACS %d of %d' % (
        s['passes'], s['runs'], k['passes'], k['runs'])
    if k['passes'] < k['runs'] and s['passes'] == s['runs']:
        return False, 'flaky case %s failed on KACS only: %s' % (key, counts)
    if k['passes'] < k['runs']:
        why = 'an upstream race that hits both kernels'
    elif s['passes'] < s['runs']:
        why = 'the upstream race hit the stock kernel only'
    else:
        return True, 'flaky case %s: %s' % (key, counts)
    return True, ('flaky case %s: %s # reported, not counted: %s'
                  % (key, counts, why))


def compare(stock, kacs, explained):
    """Yield (ok, text) per TAP line."""
    fs, fk = peer(stock['flaky']), peer(kacs['flaky'])
    flaky = set(fs) | set(fk)
    for key in sorted(flaky):
        yield flaky_line(key, fs.get(key), fk.get(key))
    s, k = peer(stock['cases']), peer(kacs['cases'])
    for key in sorted((set(s) | set(k)) - flaky):
        a, b = s.get(key, 'missing'), k.get(key, 'missing')
        if a == b:
            continue
        diff = 'peer difference %s: stock=%s kacs=%s' % (key, a, b)
        if key in explained:
            yield True, '%s # explained: %s' % (diff, explained[key])
        else:
            yield False, diff + ' (unexplained)'
    bs, bk = set(peer(stock['binaries'])), set(peer(kacs['binaries']))
    if bs != bk:
        yield False, 'peer binaries ran on one kernel only: %s' % ' '.join(
            sorted(bs ^ bk))
    else:
        yield True, ('same %d peer test binaries ran on both kernels; %d '
                     'cases compared' % (len(bs), len(s)))


def main():
    with open(sys.argv[1]) as f:
        stock = json.load(f)
    with open(sys.argv[2]) as f:
        kacs = json.load(f)
    fail = 0
    lines = list(compare(stock, kacs, load_explained()))
    for n, (ok, text) in enumerate(lines, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', n, text))
        fail += not ok
    print('1..%d' % len(lines))
    return 1 if fail else 0


if __name__ == '__main__':
    sys.exit(main())
