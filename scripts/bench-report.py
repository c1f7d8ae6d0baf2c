#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check and summarise kacs-bench console logs (scripts/bench.sh).

  bench-report.py check ROWS VARIANT RUNS LOG
      Exit 1, with the reasons on stderr, unless LOG is one complete boot
      of the VARIANT (stock | kacs) kernel with RUNS complete kacs-bench
      runs: every row of ROWS (kacs-bench -l) present once per run and
      well formed, KACS-only rows skipped on stock and measured on KACS,
      no error, no timeout, no kernel oops or warning.
  bench-report.py report DIR BOOTS RUNS
      Check DIR/logs/{stock,kacs}-1..BOOTS.log, print the comparison
      table and write DIR/results.json, results.csv, ratios.svg and
      performance.md.  Exit 1 on any problem.

Every kacs-bench run is one sample.  Under -icount the guest is
deterministic except for what the boot-time random seed changes, in
practice the address-space layout of each new process, so runs in one
boot are as independent as runs in different boots.
"""

import csv
import json
import math
import os
import random
import re
import statistics
import sys
import textwrap

VARIANTS = ('stock', 'kacs')
P_LIMIT = 0.01
KERNEL_PROBLEM = re.compile(r'Kernel panic|BUG:|Oops|WARNING:|general protection fault|'
                            r'Call Trace:|KASAN:|UBSAN:|possible circular locking')
NUM = r'(-?[0-9]+(?:\.[0-9]+)?)'
RE_ROW = re.compile(r'^BENCH (\S+) (\S+) ' + NUM + r' ([-0-9.,]+)$')
RE_SKIP = re.compile(r'^BENCH-SKIP (\S+) (.+)$')
RE_ERROR = re.compile(r'^BENCH-ERROR (\S+) ?(.*)$')
RE_META = re.compile(r'^BENCH-META kacs=([01]) scale=(\S+) batches=([0-9]+)$')
RE_END = re.compile(r'^BENCH-END rows=([0-9]+) errors=([0-9]+)$')
RE_BOOT = re.compile(r'^=== BENCH-BOOT (\S+) lsm=(\S*) clocksource=(\S*) uptime=(\S+)$')
RE_DONE = re.compile(r'^=== BENCH-DONE rc=([0-9]+) uptime=(\S+)$')
RE_HOST = re.compile(r'^=== HOST qemu_rc=([0-9]+) secs=([0-9]+)$')


class BenchError(Exception):
    pass


def load_rows(path):
    """Rows as kacs-bench -l lists them: name, unit, kernels, description."""
    rows = []
    try:
        with open(path) as f:
            for line in f:
                parts = line.rstrip('\n').split('\t')
                if len(parts) != 4 or parts[2] not in ('all', 'kacs'):
                    raise BenchError('%s: malformed row list line %r' % (path, line))
                rows.append({'name': parts[0], 'unit': parts[1],
                             'kacs_only': parts[2] == 'kacs', 'desc': parts[3]})
    except OSError as e:
        raise BenchError('cannot read the row list: %s' % e)
    if not rows:
        raise BenchError('%s: empty row list' % path)
    return rows


def check_run(rows, variant, run, n):
    """Problems of one finished kacs-bench run (number n in its boot)."""
    p = []
    known = {r['name']: r for r in rows}
    if run['kacs'] != (variant == 'kacs'):
        p.append('run %d: kacs-bench saw kacs=%d on the %s kernel'
                 % (n, run['kacs'], variant))
    for r in rows:
        name = r['name']
        if name not in run['seen']:
            p.append('run %d: row %s missing' % (n, name))
        elif name in run['rows']:
            x = run['rows'][name]
            if r['kacs_only'] and variant == 'stock':
                p.append('run %d: KACS-only row %s measured on the stock kernel' % (n, name))
            if r['unit'] == 'ns' and len(x['batches']) != run['batches']:
                p.append('run %d: row %s has %d batches, expected %d'
                         % (n, name, len(x['batches']), run['batches']))
        elif name in run['skipped'] and not (r['kacs_only'] and variant == 'stock'):
            p.append('run %d: row %s skipped on the %s kernel: %s'
                     % (n, name, variant, run['skipped'][name]))
    for name in run['seen']:
        if name not in known:
            p.append('run %d: unknown row %s' % (n, name))
    return p


def parse_log(rows, variant, nruns, path):
    """Return (boot, problems): boot info and its list of runs."""
    problems = []
    boot = {'variant': variant, 'log': path, 'runs': []}
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = [l.rstrip('\r\n').replace('\r', '') for l in f]
    except OSError as e:
        return boot, ['cannot read %s: %s' % (path, e)]

    units = {r['name']: r['unit'] for r in rows}
    mboot = done = host = run = None
    for no, line in enumerate(lines, 1):
        where = '%s:%d' % (os.path.basename(path), no)
        # The firmware leaves escape sequences without a newline before /init.
        i = line.find('=== BENCH-BOOT')
        if i > 0:
            line = line[i:]
        if line.startswith('=== QEMU-TIMEOUT'):
            problems.append('the boot timed out (%s)' % line[4:])
            continue
        m = RE_HOST.match(line)
        if m:
            host = m
            continue
        if KERNEL_PROBLEM.search(line):
            problems.append('kernel report at %s: %s' % (where, line.strip()))
            continue
        if line.startswith('=== BENCH-BOOT'):
            mboot = RE_BOOT.match(line)
            if not mboot:
                problems.append('cannot parse %s: %r' % (where, line))
            continue
        if line.startswith('=== BENCH-DONE'):
            done = RE_DONE.match(line)
            if not done:
                problems.append('cannot parse %s: %r' % (where, line))
            continue
        if 'BENCH' not in line:
            continue
        if line.startswith('BENCH-META'):
            m = RE_META.match(line)
            if not m:
                problems.append('cannot parse %s: %r' % (where, line))
                continue
            if run:
                problems.append('run %d did not finish (no BENCH-END line)'
                                % len(boot['runs']))
            run = {'kacs': int(m.group(1)), 'scale': float(m.group(2)),
                   'batches': int(m.group(3)), 'rows': {}, 'skipped': {}, 'seen': set()}
            boot['runs'].append(run)
            continue
        if not run:
            problems.append('%s outside a kacs-bench run: %r' % (where, line))
            continue
        n = len(boot['runs'])
        if line.startswith('BENCH-END'):
            m = RE_END.match(line)
            if not m:
                problems.append('cannot parse %s: %r' % (where, line))
            elif int(m.group(2)):
                problems.append('run %d: kacs-bench reported %s failed row(s)'
                                % (n, m.group(2)))
            problems += check_run(rows, variant, run, n)
            run = None
            continue
        m = RE_ERROR.match(line)
        if m:
            problems.append('run %d: row %s failed in the guest: %s'
                            % (n, m.group(1), m.group(2)))
            run['seen'].add(m.group(1))
            continue
        m = RE_SKIP.match(line) or RE_ROW.match(line)
        if not m:
            problems.append('cannot parse %s: %r (a kernel message on the same line?)'
                            % (where, line))
            continue
        name = m.group(1)
        if name in run['seen']:
            problems.append('run %d: row %s reported twice (%s)' % (n, name, where))
        run['seen'].add(name)
        if line.startswith('BENCH-SKIP'):
            run['skipped'][name] = m.group(2)
            continue
        if name in units and m.group(2) != units[name]:
            problems.append('run %d: row %s in %s, expected %s'
                            % (n, name, m.group(2), units[name]))
        try:
            batches = [float(x) for x in m.group(4).split(',')]
            median = float(m.group(3))
        except ValueError:
            problems.append('cannot parse the figures of %s: %r' % (where, line))
            continue
        if any(not math.isfinite(x) or x <= 0 for x in batches + [median]):
            problems.append('run %d: row %s: figures must be positive: %r (%s)'
                            % (n, name, line, where))
            continue
        run['rows'][name] = {'median': median, 'batches': batches}

    if not mboot:
        problems.append('the kernel never reached the benchmark /init '
                        '(no "=== BENCH-BOOT" line)')
        return boot, problems
    boot['kernel'], boot['lsm'], boot['clocksource'] = mboot.group(1, 2, 3)
    lsms = mboot.group(2).split(',')
    if variant == 'kacs' and 'kacs' not in lsms:
        problems.append('the KACS kernel does not list kacs in /sys/kernel/security/lsm (%s)'
                        % mboot.group(2))
    if variant == 'stock' and 'kacs' in lsms:
        problems.append('the stock kernel lists kacs in /sys/kernel/security/lsm')
    if mboot.group(3) in ('', 'none', 'jiffies', 'refined-jiffies'):
        problems.append('guest clocksource %r cannot time a single system call'
                        % mboot.group(3))
    if run:
        problems.append('run %d did not finish (no BENCH-END line)' % len(boot['runs']))
    if len(boot['runs']) != nruns:
        problems.append('%d kacs-bench run(s) started, expected %d' % (len(boot['runs']), nruns))
    if not done:
        problems.append('the benchmark /init did not finish (no "=== BENCH-DONE" line)')
    else:
        if int(done.group(1)):
            problems.append('kacs-bench exited with status %s' % done.group(1))
        try:
            boot['guest_secs'] = float(done.group(2)) - float(mboot.group(4))
        except ValueError:
            pass
    if host:
        boot['qemu_rc'], boot['qemu_secs'] = int(host.group(1)), int(host.group(2))
    for r in boot['runs']:
        r['seen'] = sorted(r['seen'])
    return boot, problems


def mann_whitney_p(a, b):
    """Exact two-sided Mann-Whitney p-value; ties count one half."""
    m, n = len(a), len(b)
    u = sum((x > y) + 0.5 * (x == y) for x in a for y in b)
    # counts[u] = arrangements of m and n values with statistic u
    prev = [[1] for _ in range(n + 1)]
    for i in range(1, m + 1):
        cur = [[1]]
        for j in range(1, n + 1):
            # the largest value is from a (adds j to U) or from b
            x, y = cur[j - 1], prev[j]
            c = [0] * (i * j + 1)
            for k, v in enumerate(x):
                c[k] += v
            for k, v in enumerate(y):
                c[k + j] += v
            cur.append(c)
        prev = cur
    counts = prev[n]
    total = sum(counts)
    lo = sum(counts[:math.ceil(u) + 1]) / total
    hi = sum(counts[math.floor(u):]) / total
    return min(1.0, 2 * min(lo, hi))


def ratio_ci(a, b, rounds=4000):
    """95% percentile bootstrap interval of median(b) / median(a)."""
    rng = random.Random(12)
    r = sorted(statistics.median(rng.choices(b, k=len(b))) /
               statistics.median(rng.choices(a, k=len(a))) for _ in range(rounds))
    return r[int(rounds * 0.025)], r[int(rounds * 0.975) - 1]


def spread(v):
    """Interquartile range over the median, in percent."""
    if len(v) < 2:
        return 0.0
    q = statistics.quantiles(v, n=4, method='inclusive')
    return (q[2] - q[0]) / statistics.median(v) * 100


def summarise(rows, boots):
    out = []
    for r in rows:
        s = {'row': r['name'], 'desc': r['desc'], 'unit': r['unit'],
             'kacs_only': r['kacs_only']}
        for v in VARIANTS:
            vals = [run['rows'][r['name']]['median'] for b in boots[v] for run in b['runs']
                    if r['name'] in run['rows']]
            s[v] = None
            if vals:
                s[v] = {'median': statistics.median(vals), 'min': min(vals),
                        'max': max(vals), 'spread_pct': spread(vals), 'samples': vals}
        st, k = s['stock'], s['kacs']
        s['ratio'] = s['ci_lo'] = s['ci_hi'] = s['p'] = None
        if st and k:
            s['ratio'] = k['median'] / st['median']
            s['ci_lo'], s['ci_hi'] = ratio_ci(st['samples'], k['samples'])
            s['p'] = mann_whitney_p(k['samples'], st['samples'])
            if s['p'] < P_LIMIT:
                s['verdict'] = 'KACS %+.1f%%' % ((s['ratio'] - 1) * 100)
            else:
                s['verdict'] = 'noise'
        else:
            s['verdict'] = 'KACS only' if k else '-'
        out.append(s)
    return out


COLS = ('path', 'unit', 'stock', 'spread', 'KACS', 'spread', 'KACS/stock', '95% CI',
        'p', 'difference')


def fmt(v):
    return '{:,.0f}'.format(v) if v >= 100 else '{:.1f}'.format(v)


def fmt_p(p):
    return '<0.0001' if p < 0.0001 else '%.4f' % p if p < 0.01 else '%.2f' % p


def table_rows(summary):
    t = []
    for s in summary:
        st, k = s['stock'], s['kacs']
        has = s['ratio'] is not None
        t.append((s['desc'], 'insns' if s['unit'] == 'ns' else s['unit'],
                  fmt(st['median']) if st else '-',
                  '%.1f%%' % st['spread_pct'] if st else '-',
                  fmt(k['median']) if k else '-',
                  '%.1f%%' % k['spread_pct'] if k else '-',
                  '%.3f' % s['ratio'] if has else '-',
                  '%.3f-%.3f' % (s['ci_lo'], s['ci_hi']) if has else '-',
                  fmt_p(s['p']) if has else '-',
                  s['verdict']))
    return t


def text_table(summary):
    t = [COLS] + table_rows(summary)
    w = [max(len(r[i]) for r in t) for i in range(len(COLS))]
    lines = []
    for n, r in enumerate(t):
        cells = [r[0].ljust(w[0]), r[1].ljust(w[1])] + \
            [r[i].rjust(w[i]) for i in range(2, len(r) - 1)] + [r[-1]]
        lines.append('  '.join(cells).rstrip())
        if n == 0:
            lines.append('-' * len(lines[0]))
    return '\n'.join(lines)


def legend(meta):
    text = (
        'The stock and KACS kernels of `make check` (Linux %(base)s, same config '
        'minus KACS), booted alternately %(boots)d times each under QEMU/TCG '
        '`-icount shift=0,sleep=off` on one vCPU; each boot runs the static '
        'tools/testing/kacs-bench %(runs)d times, and every run, a new process '
        'with its own address-space layout, is one sample (%(samples)d per '
        'kernel).  "insns": guest instructions per operation (one nanosecond of '
        'guest CLOCK_MONOTONIC is one instruction in that mode), per run the '
        'median of %(batches)d batches after a warm-up.  Memory rows: growth of '
        'Slab and drop of MemFree (/proc/meminfo) per process over 1000 sleeping '
        'processes, per run the median of %(rounds)d rounds.  Columns: medians '
        'over the samples; spread = interquartile range / median; 95%% CI = '
        'bootstrap interval of the ratio of the medians; p = exact two-sided '
        'Mann-Whitney test of the two sets of samples.  "difference" is shown for '
        'p < %(plimit)g, "noise" otherwise.  "-": the path does not exist on the '
        'stock kernel.' % meta)
    # Keep `code spans` on one line.
    text = re.sub(r'`[^`]*`', lambda m: m.group(0).replace(' ', '\0'), text)
    return textwrap.fill(text, 72, break_on_hyphens=False).replace('\0', ' ') + '\n'


def markdown(summary, meta):
    out = ['| ' + ' | '.join(COLS) + ' |',
           '|' + '|'.join(['---'] * 2 + ['---:'] * 7 + ['---']) + '|']
    for r in table_rows(summary):
        out.append('| ' + ' | '.join(r) + ' |')
    return legend(meta) + '\n' + '\n'.join(out) + '\n'


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def svg(summary, meta):
    """Horizontal bars of KACS/stock on a log axis, with the 95% CI."""
    data = [s for s in summary if s['ratio'] is not None]
    label_w, plot_w, row_h, top = 330, 380, 22, 52
    lo = math.log(min([0.9] + [s['ci_lo'] for s in data]))
    hi = math.log(max([1.1] + [s['ci_hi'] for s in data]))
    pad = (hi - lo) * 0.04
    lo, hi = lo - pad, hi + pad

    def x(v):
        return label_w + (math.log(v) - lo) / (hi - lo) * plot_w

    y_end = top + row_h * len(data)
    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (label_w + plot_w + 70, y_end + 48),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="10" y="18" font-size="14" font-weight="bold">KACS / stock '
         '(%d samples per kernel, %d boots each)</text>' % (meta['samples'], meta['boots']),
         '<text x="10" y="38" fill="#555">bar: ratio of the medians (log scale); '
         'whisker: 95%% bootstrap interval; red/green: p &lt; %g, grey: noise</text>'
         % meta['plimit']]
    for i, s in enumerate(data):
        y = top + i * row_h
        color = '#95a5a6'
        if s['p'] < P_LIMIT:
            color = '#c0392b' if s['ratio'] > 1 else '#27ae60'
        x0, x1 = sorted((x(1.0), x(s['ratio'])))
        o.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                 % (label_w - 8, y + 15, esc(s['desc'])))
        o.append('<rect x="%.1f" y="%d" width="%.1f" height="14" fill="%s"/>'
                 % (x0, y + 4, max(x1 - x0, 1), color))
        a, b = x(s['ci_lo']), x(s['ci_hi'])
        o.append('<path d="M%.1f %dV%dM%.1f %dH%.1fM%.1f %dV%d" stroke="black" fill="none"/>'
                 % (a, y + 6, y + 16, a, y + 11, b, b, y + 6, y + 16))
        o.append('<text x="%d" y="%d">%.3f</text>' % (label_w + plot_w + 8, y + 15, s['ratio']))
    o.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#333" '
             'stroke-dasharray="4,3"/>' % (x(1.0), x(1.0), top, y_end))
    o.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#333"/>'
             % (label_w, label_w + plot_w, y_end + 4, y_end + 4))
    last = -100
    for t in (0.1, 0.2, 0.5, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 5, 10, 20, 50, 100):
        if lo <= math.log(t) <= hi and x(t) - last > 30:
            last = x(t)
            o.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#333"/>'
                     % (x(t), x(t), y_end + 4, y_end + 9))
            o.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>'
                     % (x(t), y_end + 22, t))
    o.append('</svg>')
    return '\n'.join(o) + '\n'


def report(d, nboots, nruns):
    rows = load_rows(os.path.join(d, 'rows.txt'))
    boots = {v: [] for v in VARIANTS}
    problems = []
    for n in range(1, nboots + 1):
        for v in VARIANTS:
            log = os.path.join(d, 'logs', '%s-%d.log' % (v, n))
            if not os.path.exists(log):
                problems.append('%s: missing (boot %d of the %s kernel)' % (log, n, v))
                continue
            boot, p = parse_log(rows, v, nruns, log)
            boot['boot'] = n
            problems += ['%s: %s' % (log, x) for x in p]
            boots[v].append(boot)
    if problems:
        raise BenchError('\n'.join(problems))

    summary = summarise(rows, boots)
    first = boots['stock'][0]['runs'][0]
    mem = [r['name'] for r in rows if r['unit'] == 'bytes']
    meta = {'base': boots['stock'][0]['kernel'], 'boots': nboots, 'runs': nruns,
            'samples': nboots * nruns, 'batches': first['batches'], 'scale': first['scale'],
            'rounds': len(first['rows'][mem[0]]['batches']) if mem else 0,
            'plimit': P_LIMIT,
            'kernels': {v: sorted({b['kernel'] for b in boots[v]}) for v in VARIANTS},
            'clocksource': sorted({b['clocksource'] for v in VARIANTS for b in boots[v]}),
            'qemu': '-M pc -accel tcg -icount shift=0,sleep=off -smp 1 -m 1024'}
    with open(os.path.join(d, 'results.json'), 'w') as f:
        json.dump({'meta': meta, 'summary': summary,
                   'boots': [b for v in VARIANTS for b in boots[v]]}, f, indent=1)
    with open(os.path.join(d, 'results.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['kernel', 'boot', 'run', 'row', 'unit', 'median', 'batches'])
        for v in VARIANTS:
            for b in boots[v]:
                for i, run in enumerate(b['runs'], 1):
                    for r in rows:
                        x = run['rows'].get(r['name'])
                        if x:
                            w.writerow([v, b['boot'], i, r['name'], r['unit'], x['median'],
                                        ' '.join('%g' % y for y in x['batches'])])
    with open(os.path.join(d, 'ratios.svg'), 'w') as f:
        f.write(svg(summary, meta))
    with open(os.path.join(d, 'performance.md'), 'w') as f:
        f.write(markdown(summary, meta))

    print()
    print(text_table(summary))
    print()
    print(legend(meta))
    print('Guest clocksource: %s; kernels: stock %s, KACS %s.'
          % (', '.join(meta['clocksource']), ' '.join(meta['kernels']['stock']),
             ' '.join(meta['kernels']['kacs'])))
    for v in VARIANTS:
        print('QEMU wall time per %s boot: %s s' % (
            v, ' '.join(str(b.get('qemu_secs', '?')) for b in boots[v])))
    print('Raw figures: %s/results.csv and results.json; plot: ratios.svg; '
          'cover-letter table: performance.md' % d)


def main(argv):
    try:
        if len(argv) == 6 and argv[1] == 'check':
            boot, p = parse_log(load_rows(argv[2]), argv[3], int(argv[4]), argv[5])
            if p:
                raise BenchError('\n'.join('%s: %s' % (argv[5], x) for x in p))
            return 0
        if len(argv) == 5 and argv[1] == 'report':
            report(argv[2], int(argv[3]), int(argv[4]))
            return 0
    except BenchError as e:
        print('ERROR: %s' % e, file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
