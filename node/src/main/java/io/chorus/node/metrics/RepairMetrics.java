package io.chorus.node.metrics;

import io.chorus.replication.env.ReplicaObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the replica reports of its repair work (read repair, anti-entropy, hints, tombstones, expired values), as
 * meters: the core calls these on its handler thread, so each is a counter increment or a set.
 */
record RepairMetrics(Counter readRepairs, Counter antiEntropyKeysSent, Counter antiEntropyKeysCompared,
                    Counter antiEntropyKeysRepaired, PartitionSync partitionSync, Counter hintsStored, Counter hintsRefused,
                    Counter hintsDelivered, Counter tombstonesPurged, AtomicLong hintKeys, AtomicLong hintBytes,
                    AtomicLong tombstones, Counter expiredValuesDropped) implements ReplicaObserver {
    /** Registers the repair, anti-entropy, hint and tombstone meters in {@code registry}. */
    static RepairMetrics register(MeterRegistry registry) {
        RepairMetrics metrics = new RepairMetrics(
                Counter.builder("chorus.read.repairs").description("replica copies repaired by read repair (counted by the coordinator)").register(registry),
                Counter.builder("chorus.anti.entropy.keys.sent").description("keys anti-entropy sent to a peer because their digests differed").register(registry),
                Counter.builder("chorus.anti.entropy.keys.compared").description("keys anti-entropy compared with a peer's digests of them (keys of differing Merkle leaves)").register(registry),
                Counter.builder("chorus.anti.entropy.keys.repaired").description("keys anti-entropy found different from a peer's and pushed or pulled").register(registry),
                new PartitionSync(registry, System::nanoTime),
                Counter.builder("chorus.hints.stored").description("hints this node took as a fallback for a down or silent primary").register(registry),
                Counter.builder("chorus.hints.refused").description("hints this node could not keep (hints.max, hints.bytesMax or storage full): anti-entropy repairs those keys").register(registry),
                Counter.builder("chorus.hints.delivered").description("hinted keys handed over to a primary that came back").register(registry),
                Counter.builder("chorus.tombstones.purged").description("tombstones removed once every replica was seen holding them").register(registry),
                new AtomicLong(), new AtomicLong(), new AtomicLong(),
                Counter.builder("chorus.ttl.expired.dropped").description("values whose TTL expired, dropped from this node's storage (their keys' contexts kept)").register(registry));
        Gauge.builder("chorus.hints.pending", metrics.hintKeys(), AtomicLong::get).description("keys this node holds hints for").register(registry);
        Gauge.builder("chorus.hints.pending.bytes", metrics.hintBytes(), AtomicLong::get).baseUnit("bytes").description("approximate bytes of the hints held").register(registry);
        Gauge.builder("chorus.tombstones.pending", metrics.tombstones(), AtomicLong::get).description("tombstones held, not yet known to be on every replica").register(registry);
        return metrics;
    }

    @Override
    public void antiEntropyKeysCompared(int keys) {
        antiEntropyKeysCompared.increment(keys);
    }

    @Override
    public void antiEntropyKeysRepaired(int keys) {
        antiEntropyKeysRepaired.increment(keys);
    }

    @Override
    public void antiEntropyInSync(int partition, io.chorus.replication.ring.NodeId peer) {
        partitionSync.inSync(partition, peer);
    }

    @Override
    public void readRepaired(int replicas) {
        readRepairs.increment(replicas);
    }

    @Override
    public void antiEntropyKeysSent(int keys) {
        antiEntropyKeysSent.increment(keys);
    }

    @Override
    public void hintStored() {
        hintsStored.increment();
    }

    @Override
    public void hintRefused() {
        hintsRefused.increment();
    }

    @Override
    public void hintDelivered() {
        hintsDelivered.increment();
    }

    @Override
    public void tombstonePurged() {
        tombstonesPurged.increment();
    }

    @Override
    public void hintsHeld(int keys, long bytes) {
        hintKeys.set(keys);
        hintBytes.set(bytes);
    }

    @Override
    public void tombstonesPending(long count) {
        tombstones.set(count);
    }

    @Override
    public void expiredValuesDropped(int values) {
        expiredValuesDropped.increment(values);
    }
}
