import re, sys, collections
text = open(sys.argv[1]).read(); events = text.split('jdk.ExecutionSample {')[1:]
def frames(ev):
    st = re.search(r'stackTrace = \[(.*?)\n\s*\]', ev, re.S)
    return [re.sub(r'\s+line:.*$', '', l.strip()) for l in st.group(1).strip().split('\n') if l.strip() and l.strip() != '...'] if st else []
def thread(ev):
    m = re.search(r'sampledThread = "([^"]*)"', ev); return m.group(1) if m else '?'
# 1. for TreeMap frames: first io.chorus caller
c1 = collections.Counter(); c2 = collections.Counter(); c3 = collections.Counter(); c4=collections.Counter()
for ev in events:
    fs = frames(ev); th = thread(ev)
    if any('TreeMap' in f for f in fs[:3]):
        c1[next((f for f in fs if f.startswith('io.chorus')), '?')] += 1
    if th.startswith('chorus-handler'):
        # the Replica method called from Replica.onMessage / onClientRequest (deepest-from-bottom replica frame under the entry)
        rep = [f for f in fs if 'io.chorus.replication.replica.Replica.' in f]
        c2[rep[-2] if len(rep) >= 2 else (rep[-1] if rep else '(outside Replica: ' + next((f for f in fs if f.startswith('io.chorus') or f.startswith('com.lmax')), fs[-1] if fs else '?') + ')')] += 1
        c4[rep[-1] if rep else '(none)'] += 1
    if th.startswith('chorus-io'):
        c3[next((f for f in reversed(fs) if f.startswith('io.chorus')), 'netty only: ' + (fs[0] if fs else '?'))] += 1
for title, c in (('TreeMap callers', c1), ('handler: Replica entry', c4), ('handler: Replica second-level', c2), ('io threads: outermost io.chorus frame', c3)):
    n = sum(c.values()); print(f'== {title} ({n})')
    for k, v in c.most_common(14): print(f'{v:5d} {100*v/n:5.1f}%  {k}')
