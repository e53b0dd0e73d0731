#!/bin/bash
# usage: sampler.sh OUT PID... ; every 1 s: epoch_ms, then per pid "pid:ticks(utime+stime):utime:stime:volcs:nonvolcs"
# ctxt switches are summed over all live threads (/proc/PID/task/*/status); ticks are whole-process (incl. dead threads)
out=$1; shift
while true; do
  line="$(date +%s%3N)"
  for p in "$@"; do
    if [ -r /proc/$p/stat ]; then
      read -r u s < <(sed 's/^.*) //' /proc/$p/stat | awk '{print $12, $13}')
      cs=$(cat /proc/$p/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/{v+=$2} /^nonvoluntary_ctxt/{n+=$2} END{print v":"n}')
      line="$line $p:$((u+s)):$u:$s:$cs"
    else line="$line $p:NA"; fi
  done
  line="$line load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,) total=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9":"$5":"$2":"$3":"$4":"$7":"$8":"$9}' /proc/stat)"
  echo "$line" >> "$out"
  sleep 1
done
