#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write README.md's test-count table from scripts/manifest.txt.

readme-counts.py           rewrite the block between the test-counts
                           markers of README.md (run by `make manifest`)
readme-counts.py --check   exit 1, showing the difference, when the block
                           is not what the manifest gives (run by make check)

The manifest is generated from a full run, so the README's counts are too:
nobody types them.
"""
import argparse
import difflib
import os
import sys

import manifest as mf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, 'README.md')
MANIFEST = os.path.join(ROOT, 'scripts', 'manifest.txt')
BEGIN = '<!-- test-counts:begin (scripts/readme-counts.py) -->'
END = '<!-- test-counts:end -->'


def table(kernels):
    """The generated block: one row per KUnit suite and KACS binary."""
    kacs = kernels['kacs']
    rows = ['| suite | runs on | tests |', '|---|---|---|']
    for suite, c in sorted(kacs['kunit'].items()):
        rows.append('| KUnit `%s` | KACS | %d cases, %d parameter results |'
                    % (suite, c['cases'], c['params']))
    own = 0
    for b, v in sorted(kacs['binaries'].items()):
        if v['tests'] is not None:
            own += v['tests']
            rows.append('| kselftest `%s` | KACS | %d |' % (b, v['tests']))
    rows.append('| peer suites (%d upstream binaries) | stock and KACS | '
                'every case compared |' % len(kernels['stock']['binaries']))
    rows += ['', 'KACS kselftests in all: %d tests.' % own]
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--check', action='store_true')
    args = ap.parse_args()

    with open(README, encoding='utf-8') as f:
        lines = f.read().split('\n')
    try:
        b, e = lines.index(BEGIN), lines.index(END)
    except ValueError:
        sys.exit('README.md: the test-counts markers are missing')
    old_block = lines[b:e + 1]
    new_block = [BEGIN] + table(mf.read(MANIFEST)) + [END]
    if new_block == old_block:
        print('README test counts match scripts/manifest.txt')
        return 0
    if args.check:
        sys.stdout.writelines(difflib.unified_diff(
            [x + '\n' for x in old_block], [x + '\n' for x in new_block],
            'README.md', 'from scripts/manifest.txt'))
        print('README test counts differ from scripts/manifest.txt: '
              'run scripts/readme-counts.py')
        return 1
    lines[b:e + 1] = new_block
    with open(README, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    print('README.md: test counts rewritten from scripts/manifest.txt')
    return 0


if __name__ == '__main__':
    sys.exit(main())
