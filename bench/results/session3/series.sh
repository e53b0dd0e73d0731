#!/bin/bash
# interleaved series on a quiet machine
log=/tmp/np/series.log
echo "series start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $log
/tmp/np/ycsb_chorus.sh ycur2 /tmp/np/cur; echo "ycur2 done $(date -u +%T)" >> $log
cd /work/main && YCSB_EXTRA_PROPS="-p writeallfields=true" /work/shared/peers/cassandra.sh > /tmp/np/cass1.table 2> /tmp/np/cass1.log; echo "cass1 done $(date -u +%T) rc=$?" >> $log
cd /work/main && YCSB_EXTRA_PROPS="-p writeallfields=true" /work/shared/peers/redis.sh > /tmp/np/redis1.table 2> /tmp/np/redis1.log; echo "redis1 done $(date -u +%T) rc=$?" >> $log
/tmp/np/ycsb_chorus.sh ybase1 /tmp/np/base; echo "ybase1 done $(date -u +%T)" >> $log
/tmp/np/ycsb_chorus.sh ycur3 /tmp/np/cur; echo "ycur3 done $(date -u +%T)" >> $log
cd /work/main && YCSB_EXTRA_PROPS="-p writeallfields=true" /work/shared/peers/cassandra.sh > /tmp/np/cass2.table 2> /tmp/np/cass2.log; echo "cass2 done $(date -u +%T) rc=$?" >> $log
echo "series end $(date -u +%T)" >> $log
