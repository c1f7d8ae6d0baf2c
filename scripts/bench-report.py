#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check and summarise kacs-bench console logs (scripts/bench.sh).

  bench-report.py check ROWS VARIANT LOG
      Exit 1, with the reasons on stderr, unless LOG is one complete
      kacs-bench run of the VARIANT (stock | kacs) kernel: booted, every
      row of ROWS (kacs-bench -l) present once and well formed, KACS-only
      rows skipped on stock and measured on KACS, no error, no timeout,
      no kernel oops/warning.
  bench-report.py report DIR BOOTS
      Check DIR/logs/{stock,kacs}-1..BOOTS.log, print the comparison
      table and write DIR/results.json, results.csv, ratios.svg and
      performance.md.  Exit 1 on any problem.
"""

import csv
import json
import math
import os
import re
import statistics
import sys

VARIANTS = ('stock', 'kacs')
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


def parse_log(rows, variant, path):
    """Return (run, problems) for one console log."""
    problems = []
    run = {'variant': variant, 'log': path, 'rows': {}, 'skipped': []}
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = [l.rstrip('\r\n').replace('\r', '') for l in f]
    except OSError as e:
        return run, ['cannot read %s: %s' % (path, e)]

    known = {r['name']: r for r in rows}
    seen = set()
    boot = done = end = meta = host = None
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
            boot = RE_BOOT.match(line)
            if not boot:
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
            meta = RE_META.match(line)
            if not meta:
                problems.append('cannot parse %s: %r' % (where, line))
            continue
        if line.startswith('BENCH-END'):
            end = RE_END.match(line)
            if not end:
                problems.append('cannot parse %s: %r' % (where, line))
            continue
        m = RE_ERROR.match(line)
        if m:
            problems.append('row %s failed in the guest: %s' % (m.group(1), m.group(2)))
            seen.add(m.group(1))
            continue
        m = RE_SKIP.match(line)
        if m:
            name = m.group(1)
            if name in seen:
                problems.append('row %s reported twice (%s)' % (name, where))
            seen.add(name)
            if name not in known:
                problems.append('unknown row %s at %s' % (name, where))
            elif variant == 'kacs' or not known[name]['kacs_only']:
                problems.append('row %s skipped on the %s kernel: %s' % (name, variant,
                                                                     m.group(2)))
            else:
                run['skipped'].append(name)
            continue
        m = RE_ROW.match(line)
        if not m:
            problems.append('cannot parse %s: %r (a kernel message on the same line?)'
                            % (where, line))
            continue
        name, unit = m.group(1), m.group(2)
        if name in seen:
            problems.append('row %s reported twice (%s)' % (name, where))
        seen.add(name)
        if name not in known:
            problems.append('unknown row %s at %s' % (name, where))
            continue
        if unit != known[name]['unit']:
            problems.append('row %s: unit %s, expected %s' % (name, unit, known[name]['unit']))
        if variant == 'stock' and known[name]['kacs_only']:
            problems.append('KACS-only row %s measured on the stock kernel' % name)
        try:
            batches = [float(x) for x in m.group(4).split(',')]
            median = float(m.group(3))
        except ValueError:
            problems.append('cannot parse the figures of %s: %r' % (where, line))
            continue
        if not batches or any(not math.isfinite(x) or x <= 0 for x in batches + [median]):
            problems.append('row %s: figures must be positive: %r (%s)' % (name, line, where))
            continue
        run['rows'][name] = {'median': median, 'batches': batches}

    if not boot:
        problems.append('the kernel never reached the benchmark /init '
                        '(no "=== BENCH-BOOT" line)')
        return run, problems
    run['kernel'], run['lsm'], run['clocksource'] = boot.group(1), boot.group(2), boot.group(3)
    lsms = boot.group(2).split(',')
    if variant == 'kacs' and 'kacs' not in lsms:
        problems.append('the KACS kernel does not list kacs in /sys/kernel/security/lsm (%s)'
                        % boot.group(2))
    if variant == 'stock' and 'kacs' in lsms:
        problems.append('the stock kernel lists kacs in /sys/kernel/security/lsm')
    if boot.group(3) in ('', 'none', 'jiffies', 'refined-jiffies'):
        problems.append('guest clocksource %r cannot time a single system call'
                        % boot.group(3))
    if not meta:
        problems.append('kacs-bench did not start (no BENCH-META line)')
    else:
        run['scale'], run['batches'] = float(meta.group(2)), int(meta.group(3))
        if (meta.group(1) == '1') != (variant == 'kacs'):
            problems.append('kacs-bench saw kacs=%s on the %s kernel' % (meta.group(1), variant))
    if not end:
        problems.append('kacs-bench did not finish (no BENCH-END line)')
    elif int(end.group(2)):
        problems.append('kacs-bench reported %s failed row(s)' % end.group(2))
    if not done:
        problems.append('the benchmark /init did not finish (no "=== BENCH-DONE" line)')
    else:
        if int(done.group(1)):
            problems.append('kacs-bench exited with status %s' % done.group(1))
        try:
            run['guest_secs'] = float(done.group(2)) - float(boot.group(4))
        except ValueError:
            pass
    if host:
        run['qemu_rc'], run['qemu_secs'] = int(host.group(1)), int(host.group(2))
    for r in rows:
        if r['name'] not in seen:
            problems.append('row %s missing' % r['name'])
    if meta:
        for name, v in run['rows'].items():
            if len(v['batches']) != run['batches'] and known[name]['unit'] == 'ns':
                problems.append('row %s: %d batches, expected %d'
                                % (name, len(v['batches']), run['batches']))
    return run, problems


def fmt(v):
    return '{:,.0f}'.format(v) if v >= 100 else '{:.1f}'.format(v)


def summarise(rows, runs):
    out = []
    for r in rows:
        s = {'row': r['name'], 'desc': r['desc'], 'unit': r['unit'],
             'kacs_only': r['kacs_only']}
        for v in VARIANTS:
            vals = [run['rows'][r['name']]['median'] for run in runs[v]
                    if r['name'] in run['rows']]
            if not vals:
                s[v] = None
                continue
            med = statistics.median(vals)
            s[v] = {'median': med, 'min': min(vals), 'max': max(vals),
                    'spread_pct': (max(vals) - min(vals)) / med * 100, 'boots': vals}
        st, k = s['stock'], s['kacs']
        if st and k:
            s['ratio'] = k['median'] / st['median']
            s['ratio_lo'] = k['min'] / st['max']
            s['ratio_hi'] = k['max'] / st['min']
            if k['min'] > st['max']:
                s['verdict'] = 'KACS +%.1f%%' % ((s['ratio'] - 1) * 100)
            elif k['max'] < st['min']:
                s['verdict'] = 'KACS %.1f%%' % ((s['ratio'] - 1) * 100)
            else:
                s['verdict'] = 'within noise'
        else:
            s['ratio'] = s['ratio_lo'] = s['ratio_hi'] = None
            s['verdict'] = 'KACS only' if k else '-'
        out.append(s)
    return out


COLS = ('path', 'unit', 'stock', 'spread', 'KACS', 'spread', 'KACS/stock',
        'ratio range', 'difference')


def table_rows(summary):
    t = []
    for s in summary:
        st, k = s['stock'], s['kacs']
        unit = 'insns' if s['unit'] == 'ns' else s['unit']
        t.append((s['desc'], unit,
                  fmt(st['median']) if st else '-',
                  '%.1f%%' % st['spread_pct'] if st else '-',
                  fmt(k['median']) if k else '-',
                  '%.1f%%' % k['spread_pct'] if k else '-',
                  '%.3f' % s['ratio'] if s['ratio'] else '-',
                  '%.3f-%.3f' % (s['ratio_lo'], s['ratio_hi']) if s['ratio'] else '-',
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
    return (
        'Stock and KACS kernels of `make check` (Linux %(base)s, same config\n'
        'minus KACS), booted alternately %(boots)d times each under QEMU/TCG\n'
        '`-icount shift=0,sleep=off` on one vCPU, running the static\n'
        'tools/testing/kacs-bench.  "insns" are guest instructions per\n'
        'operation (under that mode one nanosecond of guest CLOCK_MONOTONIC\n'
        'is one instruction): per boot the median of %(batches)d batches after\n'
        'a warm-up, and here the median over the boots.  The memory rows are\n'
        'the growth of Slab and the drop of MemFree (/proc/meminfo) per\n'
        'process over 1000 sleeping processes, median of %(rounds)d rounds per boot.\n'
        'spread = (max - min) / median over the boots; ratio range =\n'
        'KACS min / stock max .. KACS max / stock min.  "difference" is given\n'
        'only when the two kernels\' ranges do not overlap, otherwise the\n'
        'difference is within the run-to-run noise.  "-": the path does not\n'
        'exist on the stock kernel.\n' % meta)


def markdown(summary, meta):
    out = ['| ' + ' | '.join(COLS) + ' |',
           '|' + '|'.join(['---'] * 2 + ['---:'] * 6 + ['---']) + '|']
    for r in table_rows(summary):
        out.append('| ' + ' | '.join(r) + ' |')
    return legend(meta) + '\n' + '\n'.join(out) + '\n'


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def svg(summary, meta):
    data = [s for s in summary if s['ratio']]
    label_w, plot_w, row_h, top = 330, 360, 22, 48
    lo = min([0.95] + [s['ratio_lo'] for s in data])
    hi = max([1.05] + [s['ratio_hi'] for s in data])
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad

    def x(v):
        return label_w + (v - lo) / (hi - lo) * plot_w

    h = top + row_h * len(data) + 40
    w = label_w + plot_w + 90
    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (w, h),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="10" y="18" font-size="14" font-weight="bold">KACS / stock, '
         'guest instructions or bytes per operation (median of %d boots each)</text>'
         % meta['boots'],
         '<text x="10" y="36" fill="#555">bar: ratio of the medians; whisker: '
         'KACS min / stock max .. KACS max / stock min</text>']
    for i, s in enumerate(data):
        y = top + i * row_h
        color = '#c0392b' if s['ratio_lo'] > 1 else '#27ae60' if s['ratio_hi'] < 1 \
            else '#95a5a6'
        x0, x1 = sorted((x(1.0), x(s['ratio'])))
        o.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                 % (label_w - 8, y + 15, esc(s['desc'])))
        o.append('<rect x="%.1f" y="%d" width="%.1f" height="14" fill="%s"/>'
                 % (x0, y + 4, max(x1 - x0, 1), color))
        o.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="black"/>'
                 % (x(s['ratio_lo']), x(s['ratio_hi']), y + 11, y + 11))
        for v in (s['ratio_lo'], s['ratio_hi']):
            o.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="black"/>'
                     % (x(v), x(v), y + 6, y + 16))
        o.append('<text x="%d" y="%d">%.3f</text>' % (label_w + plot_w + 8, y + 15,
                                                       s['ratio']))
    y_end = top + row_h * len(data)
    o.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#333" '
             'stroke-dasharray="4,3"/>' % (x(1.0), x(1.0), top, y_end))
    o.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#333"/>'
             % (label_w, label_w + plot_w, y_end + 4, y_end + 4))
    step = 10 ** math.floor(math.log10((hi - lo) / 2))
    for m in (5, 2, 1):
        if (hi - lo) / (step * m) >= 4:
            step *= m
            break
    t = math.ceil(lo / step) * step
    while t <= hi:
        o.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#333"/>'
                 % (x(t), x(t), y_end + 4, y_end + 9))
        o.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>'
                 % (x(t), y_end + 22, round(t, 6)))
        t += step
    o.append('</svg>')
    return '\n'.join(o) + '\n'


def report(d, boots):
    rows = load_rows(os.path.join(d, 'rows.txt'))
    runs = {v: [] for v in VARIANTS}
    problems = []
    for n in range(1, boots + 1):
        for v in VARIANTS:
            log = os.path.join(d, 'logs', '%s-%d.log' % (v, n))
            if not os.path.exists(log):
                problems.append('%s: missing (boot %d of the %s kernel)' % (log, n, v))
                continue
            run, p = parse_log(rows, v, log)
            run['boot'] = n
            problems += ['%s: %s' % (log, x) for x in p]
            runs[v].append(run)
    if problems:
        raise BenchError('\n'.join(problems))

    summary = summarise(rows, runs)
    units = {r['name']: r['unit'] for r in rows}
    base = runs['stock'][0]['kernel']
    meta = {'base': base, 'boots': boots, 'batches': runs['stock'][0]['batches'],
            'scale': runs['stock'][0]['scale'],
            'rounds': next((len(x['batches']) for n, x in runs['stock'][0]['rows'].items()
                            if units.get(n) == 'bytes'), 0),
            'kernels': {v: sorted({r['kernel'] for r in runs[v]}) for v in VARIANTS},
            'clocksource': sorted({r['clocksource'] for v in VARIANTS for r in runs[v]}),
            'qemu': '-M pc -accel tcg -icount shift=0,sleep=off -smp 1 -m 1024'}
    with open(os.path.join(d, 'results.json'), 'w') as f:
        json.dump({'meta': meta, 'summary': summary,
                   'runs': [r for v in VARIANTS for r in runs[v]]}, f, indent=1)
    with open(os.path.join(d, 'results.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['kernel', 'boot', 'row', 'unit', 'median', 'batches'])
        for v in VARIANTS:
            for run in runs[v]:
                for r in rows:
                    x = run['rows'].get(r['name'])
                    if x:
                        w.writerow([v, run['boot'], r['name'], r['unit'], x['median'],
                                    ' '.join('%g' % b for b in x['batches'])])
    with open(os.path.join(d, 'ratios.svg'), 'w') as f:
        f.write(svg(summary, meta))
    with open(os.path.join(d, 'performance.md'), 'w') as f:
        f.write(markdown(summary, meta))

    print()
    print(text_table(summary))
    print()
    print(legend(meta))
    print('guest clocksource: %s; kernels: stock %s, KACS %s'
          % (', '.join(meta['clocksource']), ' '.join(meta['kernels']['stock']),
             ' '.join(meta['kernels']['kacs'])))
    for v in VARIANTS:
        secs = [r.get('qemu_secs', 0) for r in runs[v]]
        print('%s boots: %s s of wall time each' % (v, ' '.join(str(s) for s in secs)))
    print('Raw figures: %s/results.csv, results.json; plot: %s/ratios.svg; '
          'cover-letter table: %s/performance.md' % (d, d, d))


def main(argv):
    try:
        if len(argv) == 5 and argv[1] == 'check':
            run, p = parse_log(load_rows(argv[2]), argv[3], argv[4])
            if p:
                raise BenchError('\n'.join('%s: %s' % (argv[4], x) for x in p))
            return 0
        if len(argv) == 4 and argv[1] == 'report':
            report(argv[2], int(argv[3]))
            return 0
    except BenchError as e:
        print('ERROR: %s' % e, file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
