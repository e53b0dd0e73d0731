#!/usr/bin/env python3
# thrdiff.py BEFORE AFTER OPS : per-thread-group (name with digits collapsed) CPU and ctx switches between snapshots, per pid
import sys, re, collections
def load(f):
    d = {}
    for l in open(f):
        p = l.split()
        if len(p) < 7: continue
        d[(p[0], p[1])] = (p[2], int(p[3]), int(p[4]), int(p[5]), int(p[6]))
    return d
a, b, ops = load(sys.argv[1]), load(sys.argv[2]), float(sys.argv[3])
agg = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
for k, v in b.items():
    v0 = a.get(k, (v[0], 0, 0, 0, 0))
    name = re.sub(r'\d+', '#', v[0])
    g = agg[(k[0], name)]
    g[0] += 1
    for i in range(1, 5): g[i] += v[i] - v0[i]
for pid in sorted({k[0] for k in agg}):
    rows = sorted(((n, g) for (p, n), g in agg.items() if p == pid), key=lambda x: -(x[1][1] + x[1][2]))
    tot = sum(g[1] + g[2] for _, g in rows)
    print(f"pid {pid}: total {tot/100:.2f} s CPU")
    print(f"  {'thread':28s} {'n':>3s} {'user s':>7s} {'sys s':>7s} {'ms/op':>7s} {'volcs/op':>9s} {'invcs/op':>9s}")
    for n, g in rows:
        if g[1] + g[2] + g[3] == 0: continue
        print(f"  {n:28s} {g[0]:3d} {g[1]/100:7.2f} {g[2]/100:7.2f} {(g[1]+g[2])*10/ops:7.4f} {g[3]/ops:9.3f} {g[4]/ops:9.3f}")
