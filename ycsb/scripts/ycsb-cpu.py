#!/usr/bin/env python3
"""Runs one YCSB phase and measures the YCSB JVM's CPU (utime + stime from /proc/<pid>/stat) per operation
over a window, so that JVM start-up and the client's JIT warm-up stay out of the figure.

usage: ycsb-cpu.py OUTPREFIX WARM_S TOTAL_S -- java ... site.ycsb.Client -t ... -p maxexecutiontime=TOTAL_S -p status.interval=5 -s

The CPU, the per-thread CPU and the op count are read the moment each YCSB status line arrives on stderr,
so they are aligned. Window: from the first status line at >= WARM_S seconds to the last one before
TOTAL_S (YCSB's shutdown line is left out). Prints one JSON line (also OUTPREFIX.json): ops, secs, ops_s,
cpu_ms_op (window), sys_ms_op (its kernel part), whole_cpu_ms_op (from JVM start to the last status
line: what a whole-process figure such as ycsb.sh's client CPU column measures), load averages, the
machine's busy cores, and CPU ms/op per thread group (names with digits folded to #). Linux only.
YCSB's stdout goes to OUTPREFIX.out, its stderr to OUTPREFIX.err."""
import sys, subprocess, re, time, os, json
prefix, warm, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cmd = sys.argv[sys.argv.index('--') + 1:]
hz = os.sysconf('SC_CLK_TCK')
def cpu(pid):
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return int(f[11]), int(f[12])   # utime, stime (fields 14, 15)
def tasks(pid):
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            raw = open(f'/proc/{pid}/task/{tid}/stat').read()
        except FileNotFoundError:
            continue
        comm = raw[raw.index('(') + 1:raw.rindex(')')]
        f = raw.rsplit(')', 1)[1].split()
        g = re.sub(r'[0-9#]+', '#', comm)
        out[tid] = (g, int(f[11]) + int(f[12]))
    return out
def load():
    return open('/proc/loadavg').read().split()[0]
def busy():
    v = open('/proc/stat').readline().split()[1:]
    return sum(int(x) for x in v[:3])  # user+nice+system
out = open(prefix + '.out', 'w')
p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
rx = re.compile(r' (\d+) sec: (\d+) operations;')
samples = []
log = open(prefix + '.err', 'w')
for line in p.stderr:
    log.write(line)
    m = rx.search(line)
    if m:
        try:
            u, s = cpu(p.pid)
        except FileNotFoundError:
            break
        samples.append((int(m.group(1)), int(m.group(2)), u, s, time.time(), load(), busy(), tasks(p.pid)))
p.wait()
# the last status line is printed at shutdown (after the run): drop it and any with elapsed > total
good = [x for x in samples if x[0] <= total - 1]
a = next(x for x in good if x[0] >= warm)
b = good[-1]
ops = b[1] - a[1]; secs = b[4] - a[4]
cu, cs = b[2] - a[2], b[3] - a[3]
last = samples[-1]
r = dict(whole_cpu_ms_op=round((last[2] + last[3]) * 1000 / hz / max(last[1], 1), 4), whole_ops=last[1], label=prefix, ops=ops, secs=round(secs, 1), ops_s=round(ops / secs), cpu_ms_op=round((cu + cs) * 1000 / hz / ops, 4),
         sys_ms_op=round(cs * 1000 / hz / ops, 4), load_start=a[5], load_end=b[5],
         machine_busy_cores=round((b[6] - a[6]) / hz / secs, 2), rc=p.returncode,
         at=time.strftime('%H:%M:%S', time.gmtime(a[4])))
groups = {}
for tid, (g, c) in b[7].items():
    groups[g] = groups.get(g, 0) + c - a[7].get(tid, (g, 0))[1]
r['threads_ms_op'] = {g: round(c * 1000 / hz / ops, 4) for g, c in sorted(groups.items(), key=lambda x: -x[1]) if c > 0}
print(json.dumps(r))
open(prefix + '.json', 'w').write(json.dumps(r) + '\n')
