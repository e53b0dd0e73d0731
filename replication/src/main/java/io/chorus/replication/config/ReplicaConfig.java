package io.chorus.replication.config;

import io.chorus.replication.message.ContextSeal;

/**
 * The replica's limits and timings. Times are in ticks (the shell decides how long a tick is; the
 * default node ticks every 10 ms). Every limit is named with its unit.
 *
 * @param replicationFactor      N, replicas per key (capped at the cluster size)
 * @param requestTimeoutTicks    a coordinator gives up (Timeout) after this many ticks
 * @param heartbeatIntervalTicks how often a node tells every peer it is alive
 * @param failureSuspectTicks    a peer not heard from for this long is considered down
 * @param keyBytesMax            largest key accepted
 * @param valueBytesMax          largest value accepted
 * @param siblingsMax            most concurrent values a key may hold after a client write
 * @param inFlightRequestsMax    most client requests a node coordinates at once (past it: Overloaded)
 * @param antiEntropyIntervalTicks how often a node compares partition digests with one peer
 * @param antiEntropyKeysMax     most keys listed in one anti-entropy message (bounds its size)
 * @param readSpeculationTicks   a read first asks R replicas; after this long without R answers it asks the rest
 * @param keyStateBytesMax       most bytes a key's whole state (its concurrent values) may take: every state must fit in
 *                               one peer frame, so that it can always be replicated, repaired and read; a write past it
 *                               is refused (TooManySiblings)
 * @param antiEntropyScanKeysPerTick stored keys anti-entropy visits per tick when it scans storage (the Merkle tree
 *                               rebuild at start, the search for the keys of differing leaves): its share of the node's
 *                               only thread
 * @param hints                  bounds and pacing of hinted handoff
 * @param contextSeal            seals the causal contexts clients get and opens those they send back (the cluster's secret)
 * @param readRepairAskAll       once a read is answered, ask the live replicas it did not wait for too, to repair them
 *                               if behind (read repair of every replica, at the cost of N - R more reads per read); off:
 *                               a read asks only R replicas (more only when they are slow), and anti-entropy repairs the others
 */
public record ReplicaConfig(int replicationFactor, int requestTimeoutTicks, int heartbeatIntervalTicks,
                            int failureSuspectTicks, int keyBytesMax, int valueBytesMax, int siblingsMax,
                            int inFlightRequestsMax, int antiEntropyIntervalTicks, int antiEntropyKeysMax,
                            int readSpeculationTicks, long keyStateBytesMax, int antiEntropyScanKeysPerTick,
                            HintLimits hints, ContextSeal contextSeal, boolean readRepairAskAll) {
    public static final int ANTI_ENTROPY_INTERVAL_TICKS_DEFAULT = 500;
    public static final int READ_SPECULATION_TICKS_DEFAULT = 5;
    public static final int ANTI_ENTROPY_KEYS_MAX_DEFAULT = 1000;
    /** The default peer frame (2 MiB) less room for the message around the state. */
    public static final long KEY_STATE_BYTES_MAX_DEFAULT = (2L << 20) - (64 << 10);
    public static final int ANTI_ENTROPY_SCAN_KEYS_PER_TICK_DEFAULT = 2_000;
    public static final ReplicaConfig DEFAULTS = new ReplicaConfig(3, 200, 10, 50, 1024, 1 << 20, 64, 100_000);

    /** The same with default anti-entropy pacing. */
    public ReplicaConfig(int replicationFactor, int requestTimeoutTicks, int heartbeatIntervalTicks,
                         int failureSuspectTicks, int keyBytesMax, int valueBytesMax, int siblingsMax,
                         int inFlightRequestsMax) {
        this(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, ANTI_ENTROPY_INTERVAL_TICKS_DEFAULT, ANTI_ENTROPY_KEYS_MAX_DEFAULT,
                READ_SPECULATION_TICKS_DEFAULT, KEY_STATE_BYTES_MAX_DEFAULT);
    }

    /** The same with the default anti-entropy scan rate and hint limits. */
    public ReplicaConfig(int replicationFactor, int requestTimeoutTicks, int heartbeatIntervalTicks,
                         int failureSuspectTicks, int keyBytesMax, int valueBytesMax, int siblingsMax,
                         int inFlightRequestsMax, int antiEntropyIntervalTicks, int antiEntropyKeysMax,
                         int readSpeculationTicks, long keyStateBytesMax) {
        this(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax, valueBytesMax,
                siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax,
                ANTI_ENTROPY_SCAN_KEYS_PER_TICK_DEFAULT);
    }

    /** The same with the default hint limits and the seal of a node given no cluster secret. */
    public ReplicaConfig(int replicationFactor, int requestTimeoutTicks, int heartbeatIntervalTicks,
                         int failureSuspectTicks, int keyBytesMax, int valueBytesMax, int siblingsMax,
                         int inFlightRequestsMax, int antiEntropyIntervalTicks, int antiEntropyKeysMax,
                         int readSpeculationTicks, long keyStateBytesMax, int antiEntropyScanKeysPerTick) {
        this(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax, valueBytesMax,
                siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax,
                antiEntropyScanKeysPerTick, HintLimits.DEFAULTS, ContextSeal.UNCONFIGURED);
    }

    /** The same reading every live replica for repair (the default). */
    public ReplicaConfig(int replicationFactor, int requestTimeoutTicks, int heartbeatIntervalTicks,
                         int failureSuspectTicks, int keyBytesMax, int valueBytesMax, int siblingsMax,
                         int inFlightRequestsMax, int antiEntropyIntervalTicks, int antiEntropyKeysMax,
                         int readSpeculationTicks, long keyStateBytesMax, int antiEntropyScanKeysPerTick,
                         HintLimits hints, ContextSeal contextSeal) {
        this(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax, valueBytesMax,
                siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax,
                antiEntropyScanKeysPerTick, hints, contextSeal, true);
    }

    public ReplicaConfig {
        positive("replicationFactor", replicationFactor);
        positive("requestTimeoutTicks", requestTimeoutTicks);
        positive("heartbeatIntervalTicks", heartbeatIntervalTicks);
        positive("failureSuspectTicks", failureSuspectTicks);
        positive("keyBytesMax", keyBytesMax);
        positive("valueBytesMax", valueBytesMax);
        positive("siblingsMax", siblingsMax);
        positive("inFlightRequestsMax", inFlightRequestsMax);
        positive("antiEntropyIntervalTicks", antiEntropyIntervalTicks);
        positive("antiEntropyKeysMax", antiEntropyKeysMax);
        positive("readSpeculationTicks", readSpeculationTicks);
        positive("antiEntropyScanKeysPerTick", antiEntropyScanKeysPerTick);
        if (hints == null) throw new IllegalArgumentException("hints (hint limits) must be given");
        if (contextSeal == null) throw new IllegalArgumentException("contextSeal is missing");
        if (keyStateBytesMax < (long) valueBytesMax + keyBytesMax) {
            throw new IllegalArgumentException("keyStateBytesMax (" + keyStateBytesMax + ") must hold at least one value of valueBytesMax (" + valueBytesMax + ")");
        }
        if (failureSuspectTicks <= heartbeatIntervalTicks) {
            throw new IllegalArgumentException("failureSuspectTicks (" + failureSuspectTicks + ") must exceed heartbeatIntervalTicks (" + heartbeatIntervalTicks + ")");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }

    public ReplicaConfig withReplicationFactor(int n) {
        return new ReplicaConfig(n, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax, antiEntropyScanKeysPerTick, hints, contextSeal, readRepairAskAll);
    }

    public ReplicaConfig withRequestTimeoutTicks(int ticks) {
        return new ReplicaConfig(replicationFactor, ticks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax, antiEntropyScanKeysPerTick, hints, contextSeal, readRepairAskAll);
    }

    public ReplicaConfig withSiblingsMax(int max) {
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, max, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax, antiEntropyScanKeysPerTick, hints, contextSeal, readRepairAskAll);
    }

    public ReplicaConfig withAntiEntropyIntervalTicks(int ticks) {
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, ticks, antiEntropyKeysMax, readSpeculationTicks, keyStateBytesMax, antiEntropyScanKeysPerTick,
                hints, contextSeal, readRepairAskAll);
    }

    public ReplicaConfig withAntiEntropyScanKeysPerTick(int keys) {
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks,
                keyStateBytesMax, keys, hints, contextSeal, readRepairAskAll);
    }

    public ReplicaConfig withHints(HintLimits limits) {
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks,
                keyStateBytesMax, antiEntropyScanKeysPerTick, limits, contextSeal, readRepairAskAll);
    }

    public ReplicaConfig withContextSeal(ContextSeal seal) {
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks,
                keyStateBytesMax, antiEntropyScanKeysPerTick, hints, seal, readRepairAskAll);
    }

    public ReplicaConfig withReadRepairAskAll(boolean askAll) {
        return new ReplicaConfig(replicationFactor, requestTimeoutTicks, heartbeatIntervalTicks, failureSuspectTicks, keyBytesMax,
                valueBytesMax, siblingsMax, inFlightRequestsMax, antiEntropyIntervalTicks, antiEntropyKeysMax, readSpeculationTicks,
                keyStateBytesMax, antiEntropyScanKeysPerTick, hints, contextSeal, askAll);
    }
}
