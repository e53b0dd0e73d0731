#!/bin/bash
# usage: ycsb_chorus.sh NAME [extra props string]   (fresh cluster, then ycsb.sh; PEER_KEEP_RUN=1)
name=$1; extra=${2-}
cd /work/main
/tmp/perf/chorus_cluster.sh > /tmp/perf/$name.cluster 2>&1
read P1 P2 P3 < <(/tmp/perf/pids.sh)
echo "start $(date -u +%T) $(uptime) pids $P1 $P2 $P3 commit $(git log -1 --format=%h)" > /tmp/perf/$name.meta
PEER_KEEP_RUN=1 YCSB_OPS=${YCSB_OPS:-200000} YCSB_WARMUP_SECONDS=15 YCSB_EXTRA_PROPS="$extra" \
../shared/peers/ycsb.sh \
  --cp "$(ls ycsb/target/chorus-ycsb-*.jar | head -1):ycsb/target/lib/*" \
  --db io.chorus.ycsb.ChorusDB --levels "ONE QUORUM" \
  --level-props 'chorus.readconsistency=%s chorus.writeconsistency=%s' --load-level QUORUM \
  --server-pid "$P1" --server-pid "$P2" --server-pid "$P3" \
  -p chorus.hosts="$(paste -sd, /tmp/perf/cl/cluster.addresses)" > /tmp/perf/$name.table 2> /tmp/perf/$name.log
echo "rc=$? end $(date -u +%T) $(uptime)" >> /tmp/perf/$name.meta
./chorus cluster stop --dir /tmp/perf/cl >> /tmp/perf/$name.cluster 2>&1
