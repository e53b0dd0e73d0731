package io.chorus.simulation.world;

import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.ring.Ring;
import io.chorus.simulation.network.LinkModel;
import io.chorus.simulation.network.PartitionShape;
import io.chorus.simulation.workload.CrdtMix;
import io.chorus.simulation.workload.LevelMix;
import io.chorus.simulation.workload.TtlMix;
import io.chorus.simulation.workload.WorkloadMix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything that shapes one run, drawn from its seed (swarm testing: fault rates, cluster size, N,
 * level mix and client count all vary by seed) and printed with it. The run itself draws from
 * independent streams forked from the same seed, so these parameters are fixed by the seed alone.
 *
 * @param options                  the safety phase's length and exploration modes, as asked for
 * @param partitions               the ring's partition count; sometimes only a few, so that a partition holds
 *                                 several keys and anti-entropy's per-partition digests and bounded key lists matter
 * @param siblingsMax              the replicas' limit; often small, so that TooManySiblings and its resolution run
 * @param antiEntropyKeysMax       the replicas' limit on keys per anti-entropy message; often below the key
 *                                 count, so that the bounded, multi-round exchange runs
 * @param tickMicros               nominal tick; each node's is skewed by its clock drift
 * @param clockOffsetMaxMillis     each node's wall clock is off by up to this, either way
 * @param clockDriftMax            each node's clock rate is off by up to this fraction, either way
 * @param crdt                     the CRDT clients beside the plain ones (often none), on keys of their own
 * @param ttl                      the TTL client (in half the runs), on keys of its own
 */
public record RunParameters(long seed, RunOptions options, int nodes, int replicationFactor, int partitions, long tickMicros,
                            int requestTimeoutTicks, int antiEntropyIntervalTicks, int siblingsMax,
                            int antiEntropyKeysMax, LinkModel links, Faults faults,
                            long clockOffsetMaxMillis, double clockDriftMax, WorkloadMix workload, CrdtMix crdt,
                            TtlMix ttl) {
    public static final int NODES_MIN = 3;
    public static final int NODES_MAX = 7;
    public static final long TICK_MICROS = 10_000;

    /** Draws the parameters of a build run (no exploration mode) from {@code seed}. */
    public static RunParameters draw(long seed, int safetySeconds) {
        return draw(seed, RunOptions.standard(safetySeconds));
    }

    /** Draws a run's parameters from {@code seed}. */
    public static RunParameters draw(long seed, RunOptions options) {
        RandomSource r = new SplitMixRandom(seed).fork(); // the world forks its own streams from a fresh source
        int nodes = Draw.intBetween(r, NODES_MIN, NODES_MAX);
        int n = 1 + Draw.weighted(r, 1, 1, 4, 1, 1); // N in 1..5, mostly 3
        n = Math.min(n, nodes);
        int[] timeouts = {50, 100, 200};
        int requestTimeoutTicks = timeouts[r.nextInt(timeouts.length)];
        int antiEntropyIntervalTicks = Draw.intBetween(r, 100, 500);
        int siblingsMax = r.chance(0.6) ? ReplicaConfig.DEFAULTS.siblingsMax() : Draw.intBetween(r, 1, 8);
        int antiEntropyKeysMax = r.chance(0.6) ? ReplicaConfig.ANTI_ENTROPY_KEYS_MAX_DEFAULT : Draw.intBetween(r, 1, 8);
        LinkModel links = drawLinks(r, options.lateDuplicates());
        Faults faults = drawFaults(r, nodes, options.powerLoss());
        long offsetMax = r.chance(0.3) ? 0 : Draw.intBetween(r, 1, 5_000);
        double driftMax = r.chance(0.3) ? 0 : Draw.between(r, 0, 0.05);
        long coordinatorTimeoutMicros = (long) (requestTimeoutTicks * TICK_MICROS / (1 - driftMax));
        WorkloadMix workload = new WorkloadMix(Draw.intBetween(r, 1, 8), Draw.intBetween(r, 1, 16),
                Draw.intBetween(r, 1, 5), Draw.intBetween(r, 1, 5), Draw.intBetween(r, 0, 2),
                Draw.between(r, 0.2, 1.0), LevelMix.draw(r), LevelMix.draw(r), Draw.intBetween(r, 1, 100) * 1000L,
                coordinatorTimeoutMicros + 1_000_000);
        // Draws added later come from a stream forked after all the others, so that they leave every
        // earlier draw, and so the runs that regression seeds name, as they were.
        RandomSource later = r.fork();
        int fewest = Integer.highestOneBit(nodes - 1) << 1; // a power of two, at least one partition per node
        int partitions = later.chance(0.7) ? Ring.defaultPartitions(nodes) : fewest << later.nextInt(3);
        CrdtMix drawn = CrdtMix.draw(later.fork(), workload.clientTimeoutMicros()); // a stream of its own: later draws go after it
        CrdtMix crdt = options.noCrdt() ? CrdtMix.OFF : drawn;
        TtlMix ttl = TtlMix.draw(later.fork(), workload.clientTimeoutMicros()); // after the CRDT stream: a stream of its own
        return new RunParameters(seed, options, nodes, n, partitions, TICK_MICROS, requestTimeoutTicks, antiEntropyIntervalTicks,
                siblingsMax, antiEntropyKeysMax, links, faults, offsetMax, driftMax, workload, crdt, ttl);
    }

    private static LinkModel drawLinks(RandomSource r, boolean lateDuplicates) {
        long min = Draw.intBetween(r, 100, 1_000);
        long max = min + Draw.intBetween(r, 0, 5_000);
        double loss = r.chance(0.3) ? 0 : Draw.between(r, 0, 0.10);
        double duplicate = r.chance(0.4) ? 0 : Draw.between(r, 0, 0.05);
        return new LinkModel(min, max, Draw.intBetween(r, 50, 2_000), Draw.between(r, 0, 0.02), loss, duplicate,
                lateDuplicates ? RunOptions.LATE_DUPLICATE_MAX_MICROS : 0);
    }

    private static Faults drawFaults(RandomSource r, int nodes, boolean powerLoss) {
        List<PartitionShape> shapes = new ArrayList<>();
        for (PartitionShape shape : PartitionShape.values()) {
            if (r.chance(0.6)) shapes.add(shape);
        }
        if (shapes.isEmpty()) shapes.add(PartitionShape.values()[r.nextInt(PartitionShape.values().length)]);
        long partitionInterval = r.chance(0.25) ? 0 : Draw.intBetween(r, 2, 15) * 1_000_000L;
        long partitionMean = Draw.intBetween(r, 500, 8_000) * 1_000L;
        long crashInterval = r.chance(0.3) ? 0 : Draw.intBetween(r, 2, 20) * 1_000_000L;
        int crashedMax = Draw.intBetween(r, 1, nodes - 1);
        long restartMax = Draw.intBetween(r, 100, 10_000) * 1_000L;
        long clogInterval = r.chance(0.5) ? 0 : Draw.intBetween(r, 1, 10) * 1_000_000L;
        long clogMax = Draw.intBetween(r, 100, 3_000) * 1_000L;
        long syncInterval = Draw.intBetween(r, 5, 200) * 1_000L;
        return new Faults(partitionInterval, partitionMean, shapes, crashInterval, crashedMax, restartMax,
                clogInterval, clogMax, powerLoss ? 0.5 : 0, syncInterval);
    }

    /** These parameters with another CRDT workload (tests: switch it on, or break its retries on purpose). */
    public RunParameters withCrdt(CrdtMix mix) {
        return new RunParameters(seed, options, nodes, replicationFactor, partitions, tickMicros, requestTimeoutTicks, antiEntropyIntervalTicks,
                siblingsMax, antiEntropyKeysMax, links, faults, clockOffsetMaxMillis, clockDriftMax, workload, mix, ttl);
    }

    /** These parameters with other faults (scenario tests: one node cut off for the whole safety phase, say). */
    public RunParameters withFaults(Faults other) {
        return new RunParameters(seed, options, nodes, replicationFactor, partitions, tickMicros, requestTimeoutTicks, antiEntropyIntervalTicks,
                siblingsMax, antiEntropyKeysMax, links, other, clockOffsetMaxMillis, clockDriftMax, workload, crdt, ttl);
    }

    /** These parameters with another TTL workload (tests: switch it on, or off). */
    public RunParameters withTtl(TtlMix mix) {
        return new RunParameters(seed, options, nodes, replicationFactor, partitions, tickMicros, requestTimeoutTicks, antiEntropyIntervalTicks,
                siblingsMax, antiEntropyKeysMax, links, faults, clockOffsetMaxMillis, clockDriftMax, workload, crdt, mix);
    }

    /** Every client endpoint: the plain clients, then the CRDT clients, then the TTL client. */
    public int clientCount() {
        return workload.clients() + crdt.clients() + ttl.clients();
    }

    public int safetySeconds() {
        return options.safetySeconds();
    }

    /** The replicas' configuration for this run. */
    public ReplicaConfig replicaConfig() {
        ReplicaConfig d = ReplicaConfig.DEFAULTS;
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, d.heartbeatIntervalTicks(), d.failureSuspectTicks(),
                d.keyBytesMax(), d.valueBytesMax(), siblingsMax, d.inFlightRequestsMax(), antiEntropyIntervalTicks, antiEntropyKeysMax,
                d.readSpeculationTicks(), d.keyStateBytesMax());
    }

    /**
     * How long after the clients stop the replicas may take to converge: the clients' last attempts
     * must end, then every node must have had an anti-entropy round with each peer twice, times the
     * rounds a bounded message needs to cover every key (plain and CRDT), plus slack.
     */
    public long convergenceBoundMicros() {
        int keys = workload.keys() + (crdt.on() ? crdt.counterKeys() + crdt.setKeys() : 0) + (ttl.on() ? ttl.keys() : 0);
        long roundsPerPeer = 2L * ((keys + antiEntropyKeysMax - 1) / antiEntropyKeysMax);
        long clientsIdle = workload.clientTimeoutMicros() + (crdt.on() ? crdt.backoffMaxMicros() : 0); // a CRDT retry may be waiting
        return clientsIdle + roundsPerPeer * (nodes - 1) * antiEntropyIntervalTicks * tickMicros + 10_000_000L;
    }

    /** The parameters as printed with the seed. */
    public String describe() {
        return String.format(Locale.ROOT, "seed %d: %d nodes, N=%d, %d partitions, %ds safety phase, tick %dms, request timeout %d ticks, "
                        + "anti-entropy every %d ticks (%d keys per message), siblingsMax %d%n"
                        + "  network: latency %.1f-%.1fms + jitter ~%.1fms, tail %.1f%%, loss %.1f%%, duplicates %.1f%%%s%n"
                        + "  faults: %s%n"
                        + "  clocks: offset up to %dms, drift up to %.1f%%%n"
                        + "  workload: %s%n"
                        + "  crdt workload: %s%n"
                        + "  ttl workload: %s",
                seed, nodes, replicationFactor, partitions, safetySeconds(), tickMicros / 1000, requestTimeoutTicks, antiEntropyIntervalTicks,
                antiEntropyKeysMax, siblingsMax,
                links.latencyMinMicros() / 1e3, links.latencyMaxMicros() / 1e3, links.jitterMeanMicros() / 1e3,
                links.tailRate() * 100, links.lossRate() * 100, links.duplicateRate() * 100,
                links.lateDuplicateMaxMicros() > 0 ? " (trailing by up to " + links.lateDuplicateMaxMicros() / 1_000_000 + "s)" : "",
                faults, clockOffsetMaxMillis, clockDriftMax * 100, workload, crdt, ttl);
    }
}
