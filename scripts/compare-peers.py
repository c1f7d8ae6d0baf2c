#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare upstream peer-suite results of the stock and the KACS kernel.

compare-peers.py STOCK_JSON KACS_JSON

Both kernels are built from the same base and config (KACS adds only its
own options).  Every peer-suite test case must have the same result on
both, unless the difference is listed in peer-differences.txt with its
reason.  Prints TAP.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = ('clone3', 'pidfd', 'cgroup', 'ptrace', 'timens', 'nsfs',
        'pid_namespace', 'lsm')


def main():
    stock = json.load(open(sys.argv[1]))
    kacs = json.load(open(sys.argv[2]))
    explained = {}
    path = os.path.join(HERE, 'peer-differences.txt')
    if os.path.exists(path):
        for line in open(path):
            if line.strip() and not line.startswith('#'):
                k, _, why = line.rstrip('\n').partition('\t')
                explained[k.strip()] = why.strip()

    def peer(res):
        return {k: v for k, v in res['cases'].items()
                if k.split(':')[0] in PEER}

    s, k = peer(stock), peer(kacs)
    n = fail = 0
    for key in sorted(set(s) | set(k)):
        a, b = s.get(key, 'missing'), k.get(key, 'missing')
        if a == b:
            continue
        n += 1
        if key in explained:
            print('ok %d peer difference %s: stock=%s kacs=%s # explained: %s'
                  % (n, key, a, b, explained[key]))
        else:
            fail += 1
            print('not ok %d peer difference %s: stock=%s kacs=%s (unexplained)'
                  % (n, key, a, b))
    ts, tk = set(stock['tests']), set(kacs['tests'])
    n += 1
    missing = sorted(t for t in ts if t not in tk)
    if missing:
        fail += 1
        print('not ok %d peer tests missing on KACS: %s' % (n, ' '.join(missing)))
    else:
        print('ok %d same %d peer test binaries ran on both kernels; %d cases compared'
              % (n, len(ts), len(s)))
    print('1..%d' % n)
    return 1 if fail else 0


if __name__ == '__main__':
    sys.exit(main())
