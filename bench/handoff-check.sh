#!/usr/bin/env bash
# The convergence check of issue 11 on a real local cluster, end to end:
#   start a cluster, stop one node, write --keys keys at QUORUM and delete --deletes of them, start the
#   node again, then read every key from that node's own replica alone (a local read at ONE: no other
#   replica answers, nothing is repaired by the reading) until it shows every value and no deleted key.
# Prints the time that took (from the node's start), what brought the data there (hints delivered,
# keys repaired by anti-entropy, read repairs: each node's metrics), and the time until no replica
# holds a tombstone of the deleted keys any more (chorus_tombstones_pending 0 on every node).
#
# usage: bench/handoff-check.sh [--nodes 3] [--base-port 7650] [--metrics-port 7670] [--dir DIR]
#                               [--keys 10000] [--deletes 1000] [--down n3] [--timeout 60] [--keep]
#                               [--wait 120] (seconds a start may take: a busy machine is slow to start a JVM)
# Ports: the nodes listen from --base-port, their metrics from --metrics-port (one each, upward).
# The cluster is stopped at the end unless --keep. Exit 0 when the node converged within --timeout
# seconds and the tombstones went within --tombstone-timeout (default 120) seconds; else 1.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODES=3 BASE=7650 METRICS=7670 DIR="" KEYS=10000 DELETES=1000 DOWN=n3 TIMEOUT=60 TOMBSTONE_TIMEOUT=120 KEEP=0 WAIT=120
while [ $# -gt 0 ]; do
    case "$1" in
        --nodes) NODES="$2"; shift 2 ;;
        --base-port) BASE="$2"; shift 2 ;;
        --metrics-port) METRICS="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        --keys) KEYS="$2"; shift 2 ;;
        --deletes) DELETES="$2"; shift 2 ;;
        --down) DOWN="$2"; shift 2 ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --tombstone-timeout) TOMBSTONE_TIMEOUT="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --wait) WAIT="$2"; shift 2 ;;
        *) sed -n '2,17p' "$0" >&2; exit 2 ;;
    esac
done
DIR="${DIR:-$(mktemp -d /tmp/chorus-handoff.XXXXXX)}"
chorus() { "$ROOT/chorus" "$@"; }
names=(); for i in $(seq 1 "$NODES"); do names+=("n$i"); done
cluster_list=""; for i in $(seq 0 $((NODES - 1))); do cluster_list+="${cluster_list:+,}127.0.0.1:$((BASE + i))"; done
now_ms() { date +%s%3N; }

# The sum of a metric's series on one node (0 when absent).
metric() {
    local port
    port="$(sed -n 's/^metrics.port *= *//p' "$DIR/$1/chorus.conf")"
    curl -s --max-time 2 "http://127.0.0.1:$port/metrics" | awk -v s="$2" '$1 == s || index($1, s "{") == 1 { sum += $2 } END { printf "%d\n", sum }'
}
report_metrics() {
    local n
    for n in "${names[@]}"; do
        printf '  %s: hints stored %s, delivered %s, refused %s; anti-entropy keys repaired %s; read repairs %s; tombstones pending %s, purged %s\n' "$n" \
            "$(metric "$n" chorus_hints_stored_total)" "$(metric "$n" chorus_hints_delivered_total)" "$(metric "$n" chorus_hints_refused_total)" \
            "$(metric "$n" chorus_anti_entropy_keys_repaired_total)" "$(metric "$n" chorus_read_repairs_total)" \
            "$(metric "$n" chorus_tombstones_pending)" "$(metric "$n" chorus_tombstones_purged_total)"
    done
}
stop_cluster() { [ "$KEEP" = 1 ] || chorus cluster stop --dir "$DIR" >/dev/null 2>&1 || true; }
trap stop_cluster EXIT

# First start with metrics off (a local cluster would put them 1000 ports up) and storage sized for
# this check (the default, a million keys, takes a 1.3 GiB file per node), then give each node a
# metrics port of the range asked for, and start again.
if [ ! -f "$DIR/cluster.addresses" ]; then
    CHORUS_METRICS_PORT=0 CHORUS_STORAGE_ENTRIES_MAX=$((KEYS * 4 + 10000)) \
        chorus cluster start --nodes "$NODES" --base-port "$BASE" --dir "$DIR" --wait "$WAIT" >/dev/null
    chorus cluster stop --dir "$DIR" >/dev/null
    for i in $(seq 1 "$NODES"); do
        sed -i "s/^metrics.port *=.*/metrics.port = $((METRICS + i - 1))/" "$DIR/n$i/chorus.conf"
        echo "storage.entriesMax = $((KEYS * 4 + 10000))" >> "$DIR/n$i/chorus.conf"
    done
fi
chorus cluster start --dir "$DIR" --wait "$WAIT" >/dev/null
echo "cluster of $NODES nodes in $DIR ($cluster_list); stopping $DOWN"
kill "$(cat "$DIR/$DOWN/node.pid")"
while kill -0 "$(cat "$DIR/$DOWN/node.pid")" 2>/dev/null; do sleep 0.2; done

prefix="handoff-$(date +%s)-"
chorus bench handoff write --cluster "$cluster_list" --keys "$KEYS" --deletes "$DELETES" --key-prefix "$prefix" --consistency quorum
echo "while $DOWN was down:"; report_metrics

started="$(now_ms)"
chorus cluster start --dir "$DIR" --wait "$WAIT" >/dev/null
answered="$(now_ms)"
echo "$DOWN started again ($(( answered - started )) ms until it answered)"
status=0
chorus bench handoff verify --cluster "$cluster_list" --node "$DOWN" --keys "$KEYS" --deletes "$DELETES" --key-prefix "$prefix" \
    --timeout "${TIMEOUT}s" --since-epoch-millis "$started" || status=1
echo "($DOWN answered $(awk -v ms="$(( answered - started ))" 'BEGIN { printf "%.1f", ms / 1000 }') s after its start: count from then for the time the data took once it ran)"
echo "after convergence:"; report_metrics

# Tombstones: gone from every replica once none is pending anywhere.
while :; do
    pending=0
    for n in "${names[@]}"; do pending=$((pending + $(metric "$n" chorus_tombstones_pending))); done
    elapsed=$(( $(now_ms) - started ))
    if [ "$pending" -eq 0 ]; then
        echo "tombstones: none pending on any node $(awk -v ms="$elapsed" 'BEGIN { printf "%.1f", ms / 1000 }') s after $DOWN started"
        break
    fi
    if [ "$elapsed" -gt $((TOMBSTONE_TIMEOUT * 1000)) ]; then
        echo "FAIL: $pending tombstones still pending ${TOMBSTONE_TIMEOUT} s after $DOWN started"; status=1; break
    fi
    sleep 0.5
done
echo "at the end:"; report_metrics
exit "$status"
