#!/bin/bash
# threads.sh OUT PID... : per-thread snapshot "pid tid comm utime stime volcs nonvolcs"
out=$1; shift
for p in "$@"; do for t in /proc/$p/task/*; do
  tid=${t##*/}; comm=$(cat $t/comm 2>/dev/null | tr ' ' '_')
  read -r u s < <(sed 's/^.*) //' $t/stat 2>/dev/null | awk '{print $12, $13}')
  cs=$(awk '/^voluntary_ctxt/{v=$2} /^nonvoluntary_ctxt/{n=$2} END{print v, n}' $t/status 2>/dev/null)
  echo "$p $tid $comm $u $s $cs"
done; done > $out
