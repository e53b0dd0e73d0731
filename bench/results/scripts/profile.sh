#!/bin/bash
cd /work/main
/tmp/perf/chorus_cluster.sh > /tmp/perf/prof.cluster 2>&1
read P1 P2 P3 < <(/tmp/perf/pids.sh)
echo "$P1 $P2 $P3" > /tmp/perf/prof.pids
rm -f /tmp/perf/x.jfr
/tmp/perf/runbench.sh prof --workload a --records 100000 --duration 30s --read-consistency quorum --write-consistency quorum --json /tmp/perf/prof.json &
RB=$!
# wait for the run phase to start
until grep -q ' run: workload' /tmp/perf/prof.out 2>/dev/null; do sleep 0.2; done
CP=$(awk '/^client:/{print $2}' /tmp/perf/prof.meta)
/tmp/perf/threads.sh /tmp/perf/prof.thr0 $P1 $P2 $P3 $CP
jcmd $P1 JFR.start name=prof duration=30s filename=/tmp/perf/x.jfr settings=profile > /tmp/perf/jcmd.out 2>&1
until grep -q '^[0-9]* verifying' /tmp/perf/prof.out 2>/dev/null; do sleep 0.2; done
/tmp/perf/threads.sh /tmp/perf/prof.thr1 $P1 $P2 $P3 $CP
wait $RB
sleep 3
