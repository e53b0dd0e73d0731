#!/usr/bin/env bash
# End-to-end check of the Chorus image and compose cluster on this machine:
#   builds the jars (local Maven) and the image, starts the three nodes of docker/compose.host.yaml
#   (host networking: every node on a loopback port, no bridge, no container subnet), writes and
#   reads from the host through ./chorus, kills a node (SIGKILL) and checks that QUORUM reads still
#   work and an ALL write fails with Unavailable, restarts it and checks its data (kept, and repaired
#   by anti-entropy), stops everything with SIGTERM and checks each node stopped cleanly.
# Prints the image size, the time to a ready cluster and each check. Exit 0 only if all pass.
#
#   docker/test.sh
#
# Environment:
#   CHORUS_TEST_PORT    first client port (default 7411; nodes use it and the next two, metrics +1000)
#   CHORUS_BASE_IMAGE   base image for the Dockerfile. Unset: chorus-base:bookworm-jlink, made from
#                       Debian packages by docker/base/make-debian-base.sh (once, then reused), so
#                       no image registry is needed.
#   CHORUS_TEST_KEEP=1  leave the cluster and its volumes up at the end (to look around)
#   CHORUS_TEST_PROMETHEUS_PORT  where the check of the SLO rules runs Prometheus (default 9390),
#                       when a `prometheus` binary is installed (Debian: prometheus); else skipped
# Needs: bash, curl, Maven and a JDK 17+, docker + docker-compose (Debian: docker.io docker-compose),
# and for the Debian base debootstrap and root. If no Docker engine answers, the script starts
# dockerd itself, with --bridge=none --iptables=false, and stops it at the end.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${CHORUS_TEST_PORT:-7411}"
PROJECT="chorus-test-$PORT"
IMAGE="chorus:test-$PORT"
WORK="$(mktemp -d /tmp/chorus-docker-test.XXXXXX)"
START_SECONDS=$SECONDS
DOCKERD_PID=""
PROMETHEUS_PID=""
CLUSTER_UP=""

say() { printf '%s\n' "$*"; }
fail() { say "FAIL: $*" >&2; exit 1; }
check() { say "check: $* ... ok"; }
elapsed() { echo $((SECONDS - START_SECONDS)); }

export CHORUS_IMAGE="$IMAGE" CHORUS_HOST=127.0.0.1 \
    CHORUS_N1_PORT="$PORT" CHORUS_N2_PORT="$((PORT + 1))" CHORUS_N3_PORT="$((PORT + 2))" \
    CHORUS_N1_METRICS_PORT="$((PORT + 1000))" CHORUS_N2_METRICS_PORT="$((PORT + 1001))" CHORUS_N3_METRICS_PORT="$((PORT + 1002))" \
    CHORUS_STORAGE_ENTRIES_MAX=10000 CHORUS_ANTI_ENTROPY_INTERVAL_MILLIS=1000
CLUSTER="127.0.0.1:$CHORUS_N1_PORT,127.0.0.1:$CHORUS_N2_PORT,127.0.0.1:$CHORUS_N3_PORT"

# --- tools ---
if command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
else
    fail "needs docker-compose (Debian: apt-get install docker-compose) or the docker compose plugin"
fi
COMPOSE+=(-p "$PROJECT" -f docker/compose.host.yaml)
for tool in docker curl mvn java; do
    command -v "$tool" >/dev/null 2>&1 || fail "needs $tool on PATH"
done

cleanup() {
    local rc=$?
    if [ -n "$CLUSTER_UP" ] && [ "$rc" != 0 ]; then
        for node in n1 n2 n3; do docker logs "$(container "$node")" >"$WORK/$node.log" 2>&1 || true; done
    fi
    if [ -n "$CLUSTER_UP" ] && [ "${CHORUS_TEST_KEEP:-}" != 1 ]; then
        "${COMPOSE[@]}" down -v >/dev/null 2>&1 || true
    fi
    if [ -n "$PROMETHEUS_PID" ]; then
        kill "$PROMETHEUS_PID" 2>/dev/null || true
        wait "$PROMETHEUS_PID" 2>/dev/null || true
    fi
    if [ -n "$DOCKERD_PID" ]; then
        kill "$DOCKERD_PID" 2>/dev/null || true
        wait "$DOCKERD_PID" 2>/dev/null || true
        say "stopped the dockerd this script started (pid $DOCKERD_PID)"
    fi
    if [ "$rc" = 0 ]; then rm -rf "$WORK"; else say "logs kept in $WORK" >&2; fi
}
trap cleanup EXIT

# --- a Docker engine: the running one, else one started here without any network of its own ---
if ! docker info >/dev/null 2>&1; then
    command -v dockerd >/dev/null 2>&1 || fail "no Docker engine answers and there is no dockerd to start (Debian: apt-get install docker.io)"
    say "starting dockerd --bridge=none --iptables=false (log: $WORK/dockerd.log)"
    dockerd --bridge=none --iptables=false >"$WORK/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    docker info >/dev/null 2>&1 || fail "dockerd did not come up in 30 s: $(tail -3 "$WORK/dockerd.log")"
fi

# --- wait helpers: poll a condition until a deadline, never a fixed sleep ---
wait_for() { # SECONDS DESCRIPTION COMMAND...
    local deadline=$((SECONDS + $1)) what="$2"
    shift 2
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within the deadline"
        sleep 0.5
    done
}
container() { "${COMPOSE[@]}" ps -q "$1"; }
healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$(container "$1")")" = healthy ]; }
all_healthy() { healthy n1 && healthy n2 && healthy n3; }
metric() { # NODE_METRICS_PORT SERIES -> value
    curl -sf "http://127.0.0.1:$1/metrics" | awk -v s="$2" 'index($0, s) == 1 { print int($2) }' | head -n 1
}
stored_keys_at_least() { local n; n="$(metric "$1" chorus_storage_entries)"; [ -n "$n" ] && [ "$n" -ge "$2" ]; }
cli() { ./chorus "$@" --cluster "$CLUSTER"; }
value_is() { # KEY CONSISTENCY EXPECTED
    local got
    got="$(cli get "$1" --consistency "$2" | head -n 1)" || return 1
    [ "$got" = "$3" ]
}
logs_of() { docker logs "$(container "$1")" 2>&1; }

# --- the jars (local Maven) and the image ---
say "building the jars: mvn -B -q -pl node -am -DskipTests package"
mvn -B -q -pl node -am -DskipTests package ${MAVEN_ARGS:-} >"$WORK/mvn.log" 2>&1 || { tail -30 "$WORK/mvn.log" >&2; fail "maven build"; }
BASE="${CHORUS_BASE_IMAGE:-chorus-base:bookworm-jlink}"
if [ -z "${CHORUS_BASE_IMAGE:-}" ]; then
    docker/base/make-debian-base.sh jlink "$BASE"
fi
build_start=$SECONDS
# --network none: the build runs no command that needs one, and there may be no bridge at all.
docker build -q --network none --build-arg BASE_IMAGE="$BASE" -f docker/Dockerfile -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; fail "docker build"; }
image_bytes="$(docker image inspect -f '{{.Size}}' "$IMAGE")"
base_bytes="$(docker image inspect -f '{{.Size}}' "$BASE")"
say "image $IMAGE: $((image_bytes / 1000000)) MB (base $BASE: $((base_bytes / 1000000)) MB, Chorus layers $(((image_bytes - base_bytes) / 1000000)) MB), built in $((SECONDS - build_start)) s"
[ "$(docker image inspect -f '{{.Config.User}}' "$IMAGE")" = chorus ] || fail "the image does not run as the chorus user"
check "the image runs as user chorus, not root"
heap="$(docker run --rm --network none --memory 512m --entrypoint java "$IMAGE" -XX:MaxRAMPercentage=50 -XX:+PrintFlagsFinal -version 2>/dev/null \
    | awk '$2 == "MaxHeapSize" { print $4 }')"
[ "$heap" -le $((300 * 1024 * 1024)) ] || fail "the JVM ignores the container's memory limit (max heap $heap bytes under --memory 512m)"
check "the JVM sizes its heap from the container's memory limit (512 MiB limit, 50 % -> max heap $((heap / 1048576)) MiB)"

# --- a ready cluster ---
"${COMPOSE[@]}" down -v >/dev/null 2>&1 || true # leftovers of an interrupted run
up_start=$SECONDS
CLUSTER_UP=1
"${COMPOSE[@]}" up -d --no-build >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; fail "compose up"; }
wait_for 120 "all three nodes healthy (/ready)" all_healthy
say "cluster ready (all three healthy) in $((SECONDS - up_start)) s"
check "every node passes its HEALTHCHECK on /ready"
for node in n1 n2 n3; do
    id="$(docker exec "$(container "$node")" id -u)"
    [ "$id" = 10001 ] || fail "$node runs as uid $id"
    line="$(logs_of "$node" | grep -m1 'starting node' || true)"
    case "$line" in
        20[0-9][0-9]-*"Chorus "*"config from file /etc/chorus/chorus.conf, environment "*CHORUS_NODE_NAME*) ;;
        *) fail "$node's first line lacks the timestamp, version or config source: $line" ;;
    esac
    # The node serves /ready a moment before it logs its addresses and data directory.
    wait_for 10 "$node logs its data directory" bash -c "docker logs $(container "$node") 2>&1 | grep -q 'data in /var/lib/chorus/data'"
done
check "each node runs as uid 10001 and logs a timestamp, its version, config source and data directory"

# --- Prometheus with the SLO kit scraping the three nodes (if installed) ---
PROM_PORT="${CHORUS_TEST_PROMETHEUS_PORT:-9390}"
prom_has() { # QUERY: true when the instant query returns at least one series
    curl -sf "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" | grep -q '"result":\[{'
}
if command -v prometheus >/dev/null 2>&1; then
    cat >"$WORK/prometheus.yml" <<PROM
global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: ["$ROOT/docker/slo/chorus-rules.yml"]
scrape_configs:
  - job_name: chorus
    static_configs:
      - targets: ["127.0.0.1:$CHORUS_N1_METRICS_PORT", "127.0.0.1:$CHORUS_N2_METRICS_PORT", "127.0.0.1:$CHORUS_N3_METRICS_PORT"]
PROM
    prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus-data" \
        --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
    PROMETHEUS_PID=$!
    wait_for 30 "Prometheus scrapes all three nodes" prom_has 'count(up{job="chorus"} == 1) == 3'
    check "Prometheus (127.0.0.1:$PROM_PORT) scrapes all three nodes with the SLO rules loaded"
else
    say "skip: no prometheus binary, the SLO rules are not checked against the live cluster (docker/slo/test.sh checks them offline)"
fi

# --- writes and reads from the host ---
for i in 1 2 3 4 5; do
    wait_for 30 "ALL write of k$i" cli put "k$i" "v$i" --consistency ALL
done
for i in 1 2 3 4 5; do
    value_is "k$i" QUORUM "v$i" || fail "QUORUM read of k$i did not return v$i"
done
check "5 ALL writes and 5 QUORUM reads through ./chorus from the host"
for port in "$CHORUS_N1_METRICS_PORT" "$CHORUS_N2_METRICS_PORT" "$CHORUS_N3_METRICS_PORT"; do
    stored_keys_at_least "$port" 5 || fail "the node with metrics on $port stores fewer than 5 keys"
done
check "every node stores the 5 keys (chorus_storage_entries)"

# --- one node killed ---
docker kill "$(container n3)" >/dev/null
value_is k1 QUORUM v1 || fail "QUORUM read with n3 killed"
check "n3 killed (SIGKILL): a QUORUM read still returns v1"
set +e
out="$(cli put all-write x --consistency ALL 2>&1)"
rc=$?
set -e
[ "$rc" -ne 0 ] && [[ "$out" == *Unavailable* ]] || fail "an ALL write with n3 down should fail with Unavailable, got rc=$rc: $out"
check "an ALL write fails with Unavailable: ${out%%$'\n'*}"
if [ -n "$PROMETHEUS_PID" ]; then
    wait_for 30 "the recorded request rate sees the ALL writes" prom_has 'chorus:requests:rate5m{op="put",consistency="ALL"} > 0'
    # rate() needs a failure counter seen before it grows; the node coordinating a given key may see
    # its first ALL put only now, so each try fails one more ALL write before asking again.
    failed_all_write_recorded() {
        cli put "all-write-$SECONDS" x --consistency ALL >/dev/null 2>&1 || true
        prom_has 'chorus:sli_availability_errors:ratio_rate5m{op="put",consistency="ALL"} > 0'
    }
    wait_for 60 "the availability SLI records the failed ALL writes" failed_all_write_recorded
    prom_has 'chorus:sli_latency_slow:ratio_rate5m{op="get",consistency="QUORUM"} >= 0' || fail "no latency SLI for QUORUM gets"
    check "the SLO recording rules evaluate on the live series (request rate, availability and latency SLIs per op and level)"
fi
cli put k6 v6 --consistency QUORUM >/dev/null || fail "QUORUM write with n3 down"
check "a QUORUM write (k6) succeeds while n3 is down"
wait_for 10 "n1 logs that n3 is down" bash -c "docker logs $(container n1) 2>&1 | grep -q 'peer n3 judged down'"
check "n1 logs one line when it judges n3 down"

# --- the node restarted: its data kept, the missed write repaired ---
restart_start=$SECONDS
"${COMPOSE[@]}" start n3 >/dev/null 2>&1
wait_for 120 "n3 healthy again" healthy n3
say "n3 ready again in $((SECONDS - restart_start)) s"
logs_of n3 | grep -q "did not shut down cleanly" || fail "n3 did not notice its unclean stop"
stored_keys_at_least "$CHORUS_N3_METRICS_PORT" 5 || fail "n3 lost keys it stored before the kill"
check "n3 restarted after SIGKILL: recovered its storage (new actor epoch logged) and still holds k1..k5"
wait_for 60 "anti-entropy copies k6 to n3" stored_keys_at_least "$CHORUS_N3_METRICS_PORT" 6
check "anti-entropy repaired n3 with the write it missed (6 keys)"
wait_for 10 "n1 logs that n3 is up" bash -c "docker logs $(container n1) 2>&1 | grep -q 'peer n3 is up again'"
check "n1 logs one line when n3 is up again"
wait_for 30 "ALL write with n3 back" cli put k7 v7 --consistency ALL
value_is k6 ALL v6 || fail "ALL read of k6 after the repair"
check "with n3 back, ALL writes and reads work again"

# --- a clean stop: SIGTERM, drain, fsync, marker ---
stop_start=$SECONDS
"${COMPOSE[@]}" stop >/dev/null 2>&1
for node in n1 n2 n3; do
    # docker logs may lag a container's last lines by a moment after it exits.
    wait_for 10 "$node logs a clean stop" bash -c "docker logs $(container "$node") 2>&1 | grep -q 'node $node stopped cleanly'"
done
say "stopped in $((SECONDS - stop_start)) s"
check "docker stop (SIGTERM): every node drained, closed its storage and logged a clean stop"
restarted_at="$(date -u +%Y-%m-%dT%H:%M:%S)"
"${COMPOSE[@]}" start >/dev/null 2>&1
wait_for 120 "all three nodes healthy after the clean restart" all_healthy
for node in n1 n2 n3; do
    logs="$(docker logs --since "$restarted_at" "$(container "$node")" 2>&1)"
    [[ "$logs" == *"starting node $node"* ]] || fail "no start line of $node since $restarted_at"
    if [[ "$logs" == *"did not shut down cleanly"* ]]; then fail "$node found no clean-shutdown marker"; fi
done
value_is k7 QUORUM v7 || fail "k7 after the clean restart"
check "after a clean restart no node needs recovery (marker found) and the data is there"

if [ "${CHORUS_TEST_KEEP:-}" = 1 ]; then
    CLUSTER_UP=""
    say "left running (CHORUS_TEST_KEEP=1): ${COMPOSE[*]} down -v to remove"
fi
say "PASS: docker/test.sh in $(elapsed) s"
