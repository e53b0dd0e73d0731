#!/bin/bash
# usage: runbench.sh NAME bench-args...  ; runs ./chorus bench with timestamped output + 1 s CPU sampler of servers + client
name=$1; shift
cd /work/main
SP=$(/tmp/perf/pids.sh)
echo "servers: $SP  uptime: $(uptime)" > /tmp/perf/$name.meta
git log -1 --format='commit %h %ci' >> /tmp/perf/$name.meta
./chorus bench --cluster "$(paste -sd, /tmp/perf/cl/cluster.addresses)" "$@" > >(while IFS= read -r l; do echo "$(date +%s%3N) $l"; done > /tmp/perf/$name.out) 2>&1 &
BP=$!
echo "client: $BP" >> /tmp/perf/$name.meta
rm -f /tmp/perf/$name.cpu
/tmp/perf/sampler.sh /tmp/perf/$name.cpu $SP $BP &
SMP=$!
wait $BP; rc=$?
sleep 1.2; kill $SMP
echo "rc=$rc end uptime: $(uptime)" >> /tmp/perf/$name.meta
