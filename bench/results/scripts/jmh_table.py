#!/usr/bin/env python3
# usage: jmh_table.py FILE [FILE ...]   (a file may hold several runs, each starting with a line '#### run N')
# Markdown table from JMH's human-readable output of `chorus bench micro`: per benchmark and run, JMH's
# score +- error (99.9%), and the fastest and median measurement iteration. On a machine shared with
# other work, the fastest iteration is the least disturbed estimate; the spread says how disturbed.
import re, sys, statistics
runs = []
for path in sys.argv[1:]:
    rows = {}; key = None
    for line in open(path):
        if re.match(r'^#+ run \d', line):
            if rows: runs.append(rows)
            rows = {}; key = None
            continue
        m = re.match(r'# Benchmark: io\.chorus\.bench\.micro\.(\S+)', line)
        if m: key = [m.group(1), '']; continue
        m = re.match(r'# Parameters: \((.*)\)', line)
        if m and key: key[1] = m.group(1).replace(' = ', '=')
        m = re.match(r'Iteration +\d+: ([\d.]+) ns/op', line)
        if m and key: rows.setdefault(tuple(key), {'it': []})['it'].append(float(m.group(1)))
        m = re.match(r'(\w+\.\w+) +(\S+) +(\S+) +avgt +\d+ +([\d.]+) +± +([\d.]+) +ns/op', line)
        if m:
            params = ', '.join(f'{n}={v}' for n, v in (('actors', m.group(2)), ('valueBytes', m.group(3))) if v != 'N/A')
            rows[(m.group(1), params)].update(score=float(m.group(4)), error=float(m.group(5)))
    runs.append(rows)
def ns(x): return f'{x:,.0f}'.replace(',', ' ')
print('| benchmark | params | ' + ' | '.join(f'run {i + 1}: score ± error | run {i + 1}: fastest / median iteration' for i in range(len(runs))) + ' |')
print('|---|---|' + '---:|---:|' * len(runs))
for key in runs[0]:
    cells = []
    for rows in runs:
        r = rows[key]
        cells += [f"{ns(r['score'])} ± {ns(r['error'])}", f"{ns(min(r['it']))} / {ns(statistics.median(r['it']))}"]
    print(f'| {key[0]} | {key[1] or "-"} | ' + ' | '.join(cells) + ' |')
