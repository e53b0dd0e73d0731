#!/usr/bin/env python3
# Aggregate `jfr print --events jdk.ExecutionSample` output: samples by thread, top frames (self) overall and per thread,
# and top "first io.chorus frame" per thread.
import re, sys, collections
text = open(sys.argv[1]).read()
events = text.split('jdk.ExecutionSample {')[1:]
by_thread = collections.Counter(); top = collections.Counter(); top_by_thread = collections.defaultdict(collections.Counter)
chorus_by_thread = collections.defaultdict(collections.Counter); pkg = collections.Counter()
def tnorm(t):
    return re.sub(r'\d+', '#', t)
for ev in events:
    m = re.search(r'sampledThread = "([^"]*)"', ev)
    th = tnorm(m.group(1)) if m else '?'
    st = re.search(r'stackTrace = \[(.*?)\n\s*\]', ev, re.S)
    frames = []
    if st:
        for line in st.group(1).strip().split('\n'):
            line = line.strip()
            if not line or line == '...': continue
            frames.append(re.sub(r'\s+line:.*$', '', line))
    by_thread[th] += 1
    f0 = frames[0] if frames else '?'
    top[f0] += 1; top_by_thread[th][f0] += 1
    c = next((f for f in frames if f.startswith('io.chorus')), '(no io.chorus frame)')
    chorus_by_thread[th][c] += 1
    p = '.'.join(f0.split('(')[0].split('.')[:3])
    pkg[p] += 1
n = len(events)
print(f"samples: {n}")
print("\n== samples by thread ==")
for t, c in by_thread.most_common(): print(f"{c:6d} {100*c/n:5.1f}%  {t}")
print("\n== top self frames (all threads) ==")
for f, c in top.most_common(25): print(f"{c:6d} {100*c/n:5.1f}%  {f}")
print("\n== self frames by package prefix ==")
for f, c in pkg.most_common(15): print(f"{c:6d} {100*c/n:5.1f}%  {f}")
for t, _ in by_thread.most_common(5):
    print(f"\n== thread {t}: top self frames ==")
    for f, c in top_by_thread[t].most_common(10): print(f"{c:6d} {100*c/n:5.1f}%  {f}")
    print(f"-- thread {t}: innermost io.chorus frame --")
    for f, c in chorus_by_thread[t].most_common(10): print(f"{c:6d} {100*c/n:5.1f}%  {f}")
