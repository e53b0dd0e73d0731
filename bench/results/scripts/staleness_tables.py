#!/usr/bin/env python3
# usage: staleness_tables.py DIR
# Markdown tables from the staleness runs in DIR (NAME.json from `chorus bench staleness --json`,
# NAME.conditions from staleness_loaded.sh or the idle loop, NAME-bg.json from the background
# `chorus bench`): one row per run with P(miss) in % and its 95% Wilson interval, the load
# average and the background load during the probe; then the runs of each condition pooled.
import json, math, re, sys, os
DIR = sys.argv[1]
RUNS = [  # (name, condition)
    ('idle-a', 'idle'), ('idle-b', 'idle'), ('idle-c', 'idle'), ('idle-d', 'idle'), ('idle-e', 'idle'),
    ('load1000-c', '1000'), ('load1000-d', '1000'), ('load1000-e', '1000'),
    ('load2000-b', '2000'), ('load2000-c', '2000'), ('load2000-d', '2000'),
    ('load5000-a', '5000'),
    ('same-a', 'same'), ('same-b', 'same'),
]

def wilson(k, n, z=1.959964):
    if n == 0: return (float('nan'),) * 2
    p = k / n; d = 1 + z * z / n; c = p + z * z / (2 * n); r = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (c - r) / d), min(1.0, (c + r) / d)

def cell(k, n):
    lo, hi = wilson(k, n)
    return f'{100 * k / n:.1f} [{100 * lo:.1f}, {100 * hi:.1f}]'

def conditions(name):
    path = os.path.join(DIR, name + '.conditions')
    text = open(path).read() if os.path.exists(path) else ''
    times = re.findall(r'(before|after): (\d\d:\d\d:\d\d|\(time not recorded[^)]*\)) ([\d.]+)', text)
    seconds = [int(s) for s in re.findall(r'\[run +(\d+)s\]', text)]
    return times, seconds

def background(name, seconds):
    path = os.path.join(DIR, name + '-bg.json')
    if not os.path.exists(path) or len(seconds) < 2: return '-'
    timeline = json.load(open(path))['phases']['run']['timeline']
    window = [s for s in timeline if seconds[0] - 0.5 <= s['elapsedSeconds'] <= seconds[1] + 0.5 and not s['warmup']]
    ops = sum(s['opsPerSecond'] for s in window) / len(window)
    p99 = max(s['read']['p99Ms'] for s in window)
    return f'{ops:.0f} ops/s, read p99 <= {p99:.0f} ms'

pooled = {}
delays = None
print('| run | UTC | load avg (1 min) before / after | background during the probe | ' + ' | '.join('t = %g ms' % d for d in
      [p['delayMs'] for p in json.load(open(os.path.join(DIR, RUNS[0][0] + '.json')))['points']]) + ' |')
print('|---|---|---|---|' + '---:|' * 7)
for name, cond in RUNS:
    data = json.load(open(os.path.join(DIR, name + '.json')))
    points = data['points']
    delays = [p['delayMs'] for p in points]
    assert all(p['errors'] == 0 for p in points), name
    times, seconds = conditions(name)
    when = times[0][1] if times else '?'
    load = ' / '.join(t[2] for t in times) or '?'
    print(f'| {name} ({data.get("readVia", "same")}, {points[0]["samples"]}/t) | {when} | {load} | {background(name, seconds)} | '
          + ' | '.join(cell(p['misses'], p['samples']) for p in points) + ' |')
    acc = pooled.setdefault(cond, [[0, 0] for _ in points])
    for a, p in zip(acc, points):
        a[0] += p['misses']; a[1] += p['samples']
print()
print('| condition | ' + ' | '.join('t = %g ms' % d for d in delays) + ' |')
print('|---|' + '---:|' * len(delays))
for cond, acc in pooled.items():
    print(f'| {cond} | ' + ' | '.join(f'{k}/{n}: ' + cell(k, n) for k, n in acc) + ' |')
