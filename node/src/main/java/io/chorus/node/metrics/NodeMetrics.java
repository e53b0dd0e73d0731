package io.chorus.node.metrics;

import java.util.concurrent.atomic.AtomicLong;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.env.ReplicaObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A node's metrics, in a Prometheus registry, every series tagged {@code node=<name>}:
 * <ul>
 *   <li>{@code chorus_request_latency_seconds{op,consistency}}: a histogram of every client request
 *       the handler answered, from the moment Netty published it to the moment the reply was
 *       handed back (its count is the request rate);</li>
 *   <li>{@code chorus_request_errors_total{op,consistency,kind}}: failed requests by error kind;</li>
 *   <li>{@code chorus_requests_refused_total{reason}}: requests the network layer refused on its
 *       own (queue_full, in_flight_limit, shutting_down, unauthorized) and connections refused for a bad_frame;</li>
 *   <li>{@code chorus_greetings_refused_total{reason}}: connections refused during the greeting
 *       (wrong_version, wrong_cluster, peer_unproven, authentication_failed, tls_failed, bad_greeting),
 *       and this node's own greetings that a peer refused (refused_by_other);</li>
 *   <li>{@code chorus_pipeline_ring_occupancy} / {@code _capacity} (events), dropped ticks and peer
 *       messages, state machine failures;</li>
 *   <li>{@code chorus_storage_entries}, {@code chorus_storage_file_bytes}, {@code chorus_storage_used_bytes};</li>
 *   <li>{@code chorus_replica_latency_seconds{op}}: a histogram of the replica's local storage work,
 *       whoever asked for it (this node coordinating, a peer's ReplicaRead or ReplicaWrite, a repair):
 *       {@code op="read"} is one lookup of a key's state (decoding included; a write looks the key up
 *       first, so writes add reads too), {@code op="write"} one store of a key's new state (encoding
 *       included);</li>
 *   <li>{@code chorus_read_repairs_total}: replica copies a finished read found behind the merge and
 *       repaired (counted by the coordinator, its own copy included);</li>
 *   <li>{@code chorus_anti_entropy_keys_sent_total}: keys anti-entropy sent to a peer because their
 *       digests differed (pushed, or pulled by the peer);</li>
 *   <li>{@code chorus_anti_entropy_keys_compared_total} and {@code _repaired_total}: keys of differing
 *       Merkle leaves compared with a peer's digests, and of those the ones that differed;
 *       {@code chorus_anti_entropy_unsynced_seconds{partition}} and {@code _max}: per partition, the
 *       time since anti-entropy last found it identical to each peer's replica ({@link PartitionSync});</li>
 *   <li>{@code chorus_stored_siblings} and {@code chorus_stored_value_bytes}: histograms of what each
 *       store of a plain key's state holds: its siblings (tombstones included) and the bytes of its
 *       values together (CRDT keys are left out of both);</li>
 *   <li>the write-ahead log's fsyncs, durable writes, fsync latency and bytes ({@link DurabilityMetrics});</li>
 *   <li>client connections and connected peers, and the usual JVM and process meters.</li>
 * </ul>
 * Request and replica meters are updated by the handler thread; gauges are read by the scraping thread.
 */
public final class NodeMetrics implements AutoCloseable {
    /**
     * Bucket bounds of replica latency: a Chronicle Map lookup and decode takes a few microseconds. Fixed
     * buckets, not a percentile histogram: 16 series per op instead of about 100 in every scrape.
     */
    private static final Duration[] REPLICA_LATENCY_BUCKETS = LongStream.of(2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500,
            5_000, 10_000, 25_000, 100_000, 1_000_000).mapToObj(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);
    /** Bucket bounds of stored siblings: the default siblingsMax is 64. */
    private static final double[] SIBLINGS_BUCKETS = {1, 2, 3, 4, 8, 16, 32, 64};
    /** Bucket bounds of stored value bytes, by powers of 4 up to 64 MiB (siblingsMax values of valueBytesMax). */
    private static final double[] VALUE_BYTES_BUCKETS = {16, 64, 256, 1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 1 << 22, 1 << 24, 1 << 26};
    /**
     * The latency objective of docker/slo (99 % of requests under 10 ms) as an exact bucket bound:
     * the percentile histogram's own bounds step from 8.4 to 11.2 ms.
     */
    static final Duration LATENCY_OBJECTIVE = Duration.ofMillis(10);
    /** The failures docker/slo counts against availability: the cluster's fault, not the client's. */
    private static final List<ErrorKind> AVAILABILITY_FAILURES = List.of(ErrorKind.UNAVAILABLE, ErrorKind.TIMEOUT, ErrorKind.OVERLOADED);
    private static final List<String> LEVELS = List.of("ONE", "TWO", "QUORUM", "ALL", Operation.LEVEL_NONE, Operation.LEVEL_INVALID);

    private final String nodeName;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer[][] latency = new Timer[Operation.values().length][LEVELS.size()];
    private final Counter[][][] errors = new Counter[Operation.values().length][LEVELS.size()][ErrorKind.values().length];
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Timer replicaReads;
    private final Timer replicaWrites;
    private final DistributionSummary storedSiblings;
    private final DistributionSummary storedValueBytes;
    private final ReplicaObserver replicaObserver;
    private final DurabilityMetrics durability;

    public NodeMetrics(String nodeName) {
        this.nodeName = nodeName;
        registry.config().commonTags("node", nodeName);
        replicaReads = replicaTimer("read");
        replicaWrites = replicaTimer("write");
        storedSiblings = DistributionSummary.builder("chorus.stored.siblings").serviceLevelObjectives(SIBLINGS_BUCKETS)
                .description("siblings (tombstones included) of each plain key state stored").register(registry);
        storedValueBytes = DistributionSummary.builder("chorus.stored.value").baseUnit("bytes").serviceLevelObjectives(VALUE_BYTES_BUCKETS)
                .description("bytes of all values of each plain key state stored").register(registry);
        replicaObserver = RepairMetrics.register(registry);
        durability = new DurabilityMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The handler-side observer that times requests and logs failures. */
    public RequestTracker newTracker() {
        return new RequestTracker(this, new RequestLog(nodeName));
    }

    /** What the replica reports about its repairs, counted here; handler thread only. */
    public ReplicaObserver replicaObserver() {
        return replicaObserver;
    }

    /** The write-ahead log's meters (fsyncs, durable writes, fsync latency, log bytes): its writer's observer. */
    public DurabilityMetrics durability() {
        return durability;
    }

    /** {@code storage} with the replica's reads and writes, and what it stores, measured here; handler thread only. */
    public Storage metered(Storage storage) {
        return new MeteredStorage(storage, replicaReads, replicaWrites, storedSiblings, storedValueBytes);
    }

    private Timer replicaTimer(String op) {
        return Timer.builder("chorus.replica.latency").tag("op", op)
                .description("this replica's storage work for any request or repair: read looks a key's state up, write stores a new one")
                .serviceLevelObjectives(REPLICA_LATENCY_BUCKETS).register(registry);
    }

    /** Handler thread: one answered request. */
    void recordRequest(Operation op, String level, long latencyNanos) {
        int levelIndex = levelIndex(level);
        Timer timer = latency[op.ordinal()][levelIndex];
        if (timer == null) {
            timer = Timer.builder("chorus.request.latency").tag("op", op.tag()).tag("consistency", LEVELS.get(levelIndex))
                    .description("client requests, from arrival to reply").publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                    .serviceLevelObjectives(LATENCY_OBJECTIVE).register(registry);
            latency[op.ordinal()][levelIndex] = timer;
            // Prometheus's rate() misses a counter's first increment if the series appears with it:
            // the failures the availability SLI counts start at 0 beside the operation's first request.
            for (ErrorKind kind : AVAILABILITY_FAILURES) errorCounter(op, levelIndex, kind);
        }
        timer.record(latencyNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Handler thread: one failed request. */
    void recordError(Operation op, String level, ErrorKind kind) {
        errorCounter(op, levelIndex(level), kind).increment();
    }

    private Counter errorCounter(Operation op, int levelIndex, ErrorKind kind) {
        Counter counter = errors[op.ordinal()][levelIndex][kind.ordinal()];
        if (counter == null) {
            counter = Counter.builder("chorus.request.errors").tag("op", op.tag()).tag("consistency", LEVELS.get(levelIndex))
                    .tag("kind", kind.displayName()).description("failed client requests by error kind").register(registry);
            errors[op.ordinal()][levelIndex][kind.ordinal()] = counter;
        }
        return counter;
    }

    private static int levelIndex(String level) {
        int index = LEVELS.indexOf(level);
        return index < 0 ? LEVELS.indexOf(Operation.LEVEL_INVALID) : index;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
