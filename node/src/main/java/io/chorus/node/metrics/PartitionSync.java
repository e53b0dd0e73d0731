package io.chorus.node.metrics;

import io.chorus.replication.ring.NodeId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per partition, how long since anti-entropy last found this node's replica of it identical to each
 * peer's: {@code chorus_anti_entropy_unsynced_seconds{partition}} is the time since the least recent
 * of those (a partition is as stale as its most out-of-touch peer), registered when the partition is
 * first compared; {@code chorus_anti_entropy_unsynced_seconds_max} is the largest over partitions.
 * The replica reports on its thread; Prometheus reads on its own, hence the concurrent maps.
 */
final class PartitionSync {
    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Map<Integer, Map<NodeId, Long>> lastInSyncNanos = new ConcurrentHashMap<>();

    PartitionSync(MeterRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        Gauge.builder("chorus.anti.entropy.unsynced.seconds.max", this, PartitionSync::maxSeconds)
                .description("the largest time since a partition of this node was last found identical to a peer's replica")
                .baseUnit("seconds").register(registry);
    }

    /** The replica found {@code partition} identical to {@code peer}'s. */
    void inSync(int partition, NodeId peer) {
        Map<NodeId, Long> peers = lastInSyncNanos.computeIfAbsent(partition, p -> {
            Gauge.builder("chorus.anti.entropy.unsynced.seconds", this, s -> s.seconds(p)).tag("partition", Integer.toString(p))
                    .description("time since anti-entropy last found this partition identical to each of its peers' replicas")
                    .baseUnit("seconds").register(registry);
            return new ConcurrentHashMap<>();
        });
        peers.put(peer, nanoTime.getAsLong());
    }

    double seconds(int partition) {
        Map<NodeId, Long> peers = lastInSyncNanos.get(partition);
        if (peers == null || peers.isEmpty()) return Double.NaN;
        long oldest = peers.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        return (nanoTime.getAsLong() - oldest) / 1e9;
    }

    double maxSeconds() {
        return lastInSyncNanos.keySet().stream().mapToDouble(this::seconds).filter(d -> !Double.isNaN(d)).max().orElse(0);
    }
}
