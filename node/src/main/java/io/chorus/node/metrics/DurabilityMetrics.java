package io.chorus.node.metrics;

import io.chorus.node.storage.WalWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The write-ahead log's meters, fed by its writer thread:
 * <ul>
 *   <li>{@code chorus_fsyncs_total{file}}: fsyncs of the log ({@code file="wal"}, one per group
 *       commit) and of the map file at checkpoints ({@code file="map"});</li>
 *   <li>{@code chorus_durable_writes_total}: durable writes made durable (log records fsynced);
 *       divided by the wal fsyncs it is the group commit's writes per fsync;</li>
 *   <li>{@code chorus_fsync_latency_seconds{file}}: a histogram of each fsync;</li>
 *   <li>{@code chorus_wal_bytes}: bytes of the log on disk (bounded by wal.bytesMax plus one group);</li>
 *   <li>{@code chorus_wal_backlog_bytes}: durable writes handed to the writer and not yet fsynced
 *       (new durable writes are refused past wal.backlogBytesMax).</li>
 * </ul>
 */
public final class DurabilityMetrics implements WalWriter.Observer {
    /** fsync on this kind of disk takes from a fraction of a millisecond to tens of milliseconds under load. */
    private static final Duration[] FSYNC_BUCKETS = LongStream.of(100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000,
            250_000, 1_000_000).mapToObj(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Counter walFsyncs;
    private final Counter mapFsyncs;
    private final Counter durableWrites;
    private final Timer walFsyncLatency;
    private final Timer mapFsyncLatency;

    DurabilityMetrics(MeterRegistry registry) {
        this.registry = registry;
        walFsyncs = fsyncs("wal");
        mapFsyncs = fsyncs("map");
        durableWrites = Counter.builder("chorus.durable.writes").description("durable writes fsynced in the write-ahead log").register(registry);
        walFsyncLatency = fsyncLatency("wal");
        mapFsyncLatency = fsyncLatency("map");
    }

    private Counter fsyncs(String file) {
        return Counter.builder("chorus.fsyncs").tag("file", file)
                .description("fsyncs: wal = one group commit of the write-ahead log, map = the map file at a checkpoint").register(registry);
    }

    private Timer fsyncLatency(String file) {
        return Timer.builder("chorus.fsync.latency").tag("file", file).description("time of one fsync")
                .serviceLevelObjectives(FSYNC_BUCKETS).register(registry);
    }

    /** Gauges over the running writer; call once it exists. */
    public void bind(WalWriter writer) {
        Gauge.builder("chorus.wal.bytes", writer, WalWriter::walBytes).baseUnit("bytes").description("write-ahead log on disk").register(registry);
        Gauge.builder("chorus.wal.backlog.bytes", writer, WalWriter::backlogBytes).baseUnit("bytes")
                .description("durable writes waiting for their fsync").register(registry);
    }

    @Override
    public void synced(long fsyncNanos, int batches, long records, long bytes) {
        walFsyncs.increment();
        durableWrites.increment(records);
        walFsyncLatency.record(fsyncNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void checkpointed(long syncNanos) {
        mapFsyncs.increment();
        mapFsyncLatency.record(syncNanos, TimeUnit.NANOSECONDS);
    }
}
