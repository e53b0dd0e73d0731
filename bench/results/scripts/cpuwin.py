#!/usr/bin/env python3
# usage: cpuwin.py NAME START_REGEX END_REGEX OPS NSERVERS
# CPU (ticks=10ms) of each sampled pid within the window between the first .out line matching START and the first matching END
# (linear interpolation between 1-s samples), utime/stime split, thread ctx switches; per-op figures.
import sys, re, bisect
name, sre, ere, ops, nsrv = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
out = open(f'/tmp/perf/{name}.out').read().splitlines()
def find(rx):
    for l in out:
        t, _, rest = l.partition(' ')
        if re.search(rx, rest): return int(t)
    raise SystemExit('no match ' + rx)
t0, t1 = find(sre), find(ere)
rows = []
for l in open(f'/tmp/perf/{name}.cpu'):
    parts = l.split()
    t = int(parts[0]); d = {}
    for p in parts[1:]:
        if p.startswith('load='): d['load'] = p[5:]; continue
        if p.startswith('total='):
            v = list(map(int, p[6:].split(':'))); d['busy'] = v[0] - v[1]
            if len(v) >= 8: d['usr'] = v[2]+v[3]; d['sys'] = v[4]; d['irq'] = v[5]; d['softirq'] = v[6]; d['steal'] = v[7]
            continue
        f = p.split(':')
        if f[1] == 'NA': continue
        d[f[0]] = tuple(int(x) for x in f[1:])
    rows.append((t, d))
ts = [r[0] for r in rows]
def at(t, key, idx=None):
    i = bisect.bisect_left(ts, t)
    i = min(max(i, 1), len(ts) - 1)
    (ta, da), (tb, db) = rows[i-1], rows[i]
    va = da[key] if idx is None else da[key][idx]; vb = db[key] if idx is None else db[key][idx]
    return va + (vb - va) * (t - ta) / (tb - ta)
pids = [k for k in rows[0][1] if k.isdigit()]
secs = (t1 - t0) / 1000
print(f"window {secs:.1f} s, ops {ops:.0f}, loadavg at start {[r[1]['load'] for r in rows if r[0] >= t0][0]}, at end {[r[1]['load'] for r in rows if r[0] >= t1][0] if any(r[0]>=t1 for r in rows) else '?'}")
tot = {'cpu': 0, 'u': 0, 's': 0, 'v': 0, 'n': 0}; srv = dict(tot)
for i, p in enumerate(pids):
    c = [at(t1, p, k) - at(t0, p, k) for k in range(5)]
    role = 'server' if i < nsrv else 'client'
    print(f"{role} {p}: cpu {c[0]/100:.2f} s (user {c[1]/100:.2f}, sys {c[2]/100:.2f}, sys share {100*c[2]/max(c[0],1):.0f}%), "
          f"{c[0]*10/ops:.4f} ms/op, vol cs {c[3]:.0f} ({c[3]/ops:.2f}/op), invol cs {c[4]:.0f} ({c[4]/ops:.2f}/op)")
    if role == 'server':
        for k, j in zip(['cpu', 'u', 's', 'v', 'n'], range(5)): srv[k] += c[j]
    else:
        cli = c
busy = at(t1, 'busy') - at(t0, 'busy')
print(f"SERVERS: cpu {srv['cpu']/100:.2f} s = {srv['cpu']*10/ops:.4f} ms/op (user {srv['u']*10/ops:.4f}, sys {srv['s']*10/ops:.4f}; sys share {100*srv['s']/srv['cpu']:.0f}%), "
      f"vol cs {srv['v']/ops:.2f}/op, invol cs {srv['n']/ops:.2f}/op")
if len(pids) > nsrv:
    print(f"CLIENT: cpu {cli[0]/100:.2f} s = {cli[0]*10/ops:.4f} ms/op (sys share {100*cli[2]/max(cli[0],1):.0f}%), vol cs {cli[3]/ops:.2f}/op")
    other = busy - srv['cpu'] - cli[0]
else:
    other = busy - srv['cpu']
print(f"MACHINE busy {busy/100:.2f} s of {2*secs:.1f} core-s ({busy/100/(2*secs):.0%}); other (not servers/client) {other/100:.2f} s")

if 'softirq' in rows[-1][1]:
    parts = {k: (at(t1, k) - at(t0, k)) / 100 for k in ('usr', 'sys', 'irq', 'softirq', 'steal')}
    print("MACHINE split (s): " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items()))
