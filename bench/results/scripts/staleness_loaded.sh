#!/bin/bash
# usage: staleness_loaded.sh RATE NAME [SAMPLES_PER_DELAY, default 200]
# The staleness profile (write ONE, read ONE via another replica) under background load: starts
# `chorus bench` workload A open loop at RATE ops/s (15 s warm-up, 60 s measured, no load phase:
# 10 000 records must already be loaded), waits for its 3rd measured second (after the warm-up's
# backlog has cleared), runs the probe, and
# records the load average and UTC time before and after. Output in /tmp/stale-out/NAME.*.
set -euo pipefail
RATE=$1 NAME=$2 SAMPLES=${3:-200}
C=127.0.0.1:7801,127.0.0.1:7802,127.0.0.1:7803
O=/tmp/stale-out
cd "$(dirname "$0")/../../.."
./chorus bench --cluster $C --workload a --records 10000 --no-load --warmup 15s --duration 60s --rate "$RATE" \
    --no-verify --json $O/$NAME-bg.json > $O/$NAME-bg.txt 2>&1 &
BG=$!
measured() { grep -cE '^\[run +[0-9]+s\]' $O/$NAME-bg.txt || true; }
for _ in $(seq 1 240); do [ "$(measured)" -ge 3 ] && break; sleep 0.5; done
{ echo "before: $(date -u +%T) $(cat /proc/loadavg)"; tail -n 1 $O/$NAME-bg.txt; } > $O/$NAME.conditions
./chorus bench staleness --cluster $C --delays 0,1,2,5,10,20,50 --samples "$SAMPLES" \
    --json $O/$NAME.json --plot $O/$NAME.png > $O/$NAME.txt 2>&1
{ echo "after: $(date -u +%T) $(cat /proc/loadavg)"; tail -n 1 $O/$NAME-bg.txt; } >> $O/$NAME.conditions
wait $BG
cat $O/$NAME.conditions
sed -n '/== staleness/,$p' $O/$NAME.txt
