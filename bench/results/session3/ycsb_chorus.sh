#!/bin/bash
# usage: ycsb_chorus.sh NAME TREE   (fresh cluster from TREE's jars at /tmp/np/yc, ports 7521-7523, then ycsb.sh A+B at ONE and QUORUM)
name=$1; tree=$2
cd $tree
./chorus cluster stop --dir /tmp/np/yc >/dev/null 2>&1; rm -rf /tmp/np/yc
./chorus cluster start --dir /tmp/np/yc --base-port 7521 --wait 90 > /tmp/np/$name.cluster 2>&1
read P1 P2 P3 < <(pgrep -f "chorus.*np/yc/" | tr '\n' ' ')
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) pids $P1 $P2 $P3 tree $tree $(git log -1 --format=%h)" > /tmp/np/$name.meta
PEER_KEEP_RUN=1 YCSB_OPS=${YCSB_OPS:-200000} YCSB_WARMUP_SECONDS=15 YCSB_EXTRA_PROPS="-p writeallfields=true" \
/work/shared/peers/ycsb.sh \
  --cp "$(ls ycsb/target/chorus-ycsb-*.jar | head -1):ycsb/target/lib/*" \
  --db io.chorus.ycsb.ChorusDB --levels "ONE QUORUM" \
  --level-props 'chorus.readconsistency=%s chorus.writeconsistency=%s' --load-level QUORUM \
  --server-pid "$P1" --server-pid "$P2" --server-pid "$P3" \
  -p chorus.hosts=127.0.0.1:7521,127.0.0.1:7522,127.0.0.1:7523 > /tmp/np/$name.table 2> /tmp/np/$name.log
echo "rc=$? end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/np/$name.meta
./chorus cluster stop --dir /tmp/np/yc >> /tmp/np/$name.cluster 2>&1; rm -rf /tmp/np/yc
