package io.chorus.node;

import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Topology;
import io.chorus.replication.config.HintLimits;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.node.net.AdmissionLimits;
import io.chorus.replication.message.ContextSeal;
import io.chorus.replication.ring.NodeId;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A node's configuration: every key of node/CONFIG.md, parsed and checked, with the views of it
 * the rest of the node needs. Times are in milliseconds here and converted to ticks for the
 * replica ({@link #replicaConfig()}). The text is read from its layers by {@link ConfigSources},
 * checked into a config by {@link NodeConfigParser} and written back by {@link NodeConfigText}.
 *
 * @param name                     this node's name, also its actor name in version vectors
 * @param listen                   where the node accepts peer and client connections (the bind address)
 * @param advertise                where peers and clients reach this node: its address in {@code members}
 * @param dataDir                  where the node keeps its storage (created if missing)
 * @param members                  every node of the cluster, this one included, in config order
 * @param partitions               ring partitions (a power of two, at least the member count)
 * @param replicationFactor        N, already capped at the member count
 * @param metricsPort              HTTP port for /metrics, /health, /ready; 0 = off
 * @param antiEntropyIntervalMillis how often the node compares partition digests with one peer
 * @param readSpeculationMillis    a read that has not heard from R replicas after this long asks the others too
 * @param walDir                   where the write-ahead log goes; null = {@code wal} inside the data directory
 * @param walBytesMax              past this many bytes in its newest segment the log checkpoints (map fsync) and starts anew
 * @param walBacklogBytesMax       durable writes waiting for their fsync past which new durable writes are refused
 * @param security                 cluster name, peer secret, TLS files and users file
 * @param hintsMax                 most keys this node keeps hints for, as a fallback
 * @param hintsBytesMax            most bytes of hinted key states this node keeps
 * @param hintsReplayKeysPerSecond most hinted keys handed over per second to primaries that came back
 * @param contextSecret            the cluster's secret that seals the causal contexts clients get (empty: none set)
 * @param admission                connection, byte and time bounds of accepted connections
 * @param repair                   anti-entropy's scan rate and message bound, and whether reads ask every live replica
 */
public record NodeConfig(NodeId name, HostPort listen, HostPort advertise, Path dataDir, List<Member> members, int partitions,
                         int replicationFactor, int tickMillis, int requestTimeoutMillis,
                         int heartbeatIntervalMillis, int failureSuspectMillis, int keyBytesMax,
                         int valueBytesMax, int siblingsMax, int frameBytesMax, int inFlightPerConnectionMax,
                         int ringSize, long storageEntriesMax, int storageAverageValueBytes, int metricsPort,
                         int antiEntropyIntervalMillis, int readSpeculationMillis, Path walDir, long walBytesMax,
                         long walBacklogBytesMax, SecurityConfig security, int hintsMax, long hintsBytesMax,
                         int hintsReplayKeysPerSecond, String contextSecret, AdmissionLimits admission,
                         RepairSettings repair) {

    /** The write-ahead log's directory when wal.dir is not set, inside the data directory. */
    static final String WAL_DIR_DEFAULT = "wal";

    /** Room in a frame for a request's key, context and framing beside the largest value. */
    static final int FRAME_OVERHEAD_BYTES = 64 * 1024;

    public NodeConfig {
        members = List.copyOf(members);
    }

    /**
     * Reads {@code file} (Java properties syntax, {@code key = value}; null for none) and applies
     * {@code overrides} on top. Unknown keys and bad values fail with a {@link ConfigException}
     * naming the key and what was expected.
     */
    public static NodeConfig load(Path file, Map<String, String> overrides) {
        return load(file, Map.of(), overrides);
    }

    /**
     * As {@link #load(Path, Map)}, with {@code environment} (the process's variables) between the
     * file and the overrides: {@code CHORUS_NODE_NAME=n2} sets {@code node.name} (see
     * {@link ConfigEnvironment}).
     */
    public static NodeConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        return NodeConfigParser.parse(ConfigSources.read(file, environment, overrides));
    }

    /** All defaults: a single node n1 on 127.0.0.1:7401. */
    public static NodeConfig defaults() {
        return load(null, Map.of());
    }

    /**
     * How repair spends the node's one thread and the network (node/CONFIG.md, "Timing"): keys the
     * anti-entropy storage scan visits per tick, keys per anti-entropy message, reads of every replica.
     */
    public record RepairSettings(int antiEntropyScanKeysPerTick, int antiEntropyKeysMax, boolean readRepairAskAll) {
    }

    /** Milliseconds to whole ticks, rounding up so that a timeout is never shorter than configured. */
    static int ticks(int millis, int tickMillis) {
        return Math.max(1, (millis + tickMillis - 1) / tickMillis);
    }

    /** Where the write-ahead log is: {@code wal.dir}, or {@value #WAL_DIR_DEFAULT} inside the data directory. */
    public Path walDirectory() {
        return walDir != null ? walDir : dataDir.resolve(WAL_DIR_DEFAULT);
    }

    /** This node's entry in {@link #members()}. */
    public Member self() {
        return members.stream().filter(m -> m.id().equals(name)).findFirst().orElseThrow();
    }

    public Membership membership() {
        return new Membership(members, partitions);
    }

    /** The cluster's first topology, as this config describes it (every node given the same config agrees). */
    public Topology topology() {
        return Topology.initial(membership(), replicationFactor);
    }

    /** The replica's view: timings in ticks of {@link #tickMillis()}. */
    public ReplicaConfig replicaConfig() {
        return new ReplicaConfig(replicationFactor, ticks(requestTimeoutMillis, tickMillis), ticks(heartbeatIntervalMillis, tickMillis),
                ticks(failureSuspectMillis, tickMillis), keyBytesMax, valueBytesMax, siblingsMax,
                ReplicaConfig.DEFAULTS.inFlightRequestsMax(), ticks(antiEntropyIntervalMillis, tickMillis),
                repair.antiEntropyKeysMax(), ticks(readSpeculationMillis, tickMillis), keyStateBytesMax(),
                repair.antiEntropyScanKeysPerTick(),
                new HintLimits(hintsMax, hintsBytesMax, Math.max(1, (int) ((long) hintsReplayKeysPerSecond * tickMillis / 1000))),
                contextSecret.isEmpty() ? ContextSeal.UNCONFIGURED : ContextSeal.ofSecret(contextSecret), repair.readRepairAskAll());
    }

    /**
     * The most bytes a key's whole state may take: what fits in one peer frame beside the message
     * around it, so that every key can always be replicated, repaired and read in one frame.
     */
    public long keyStateBytesMax() {
        return (long) frameBytesMax - FRAME_OVERHEAD_BYTES;
    }

    /** Every key but the context secret, which stays out of logs. */
    @Override
    public String toString() {
        Map<String, String> text = toText();
        if (!contextSecret.isEmpty()) text.put(ConfigKey.CLUSTER_CONTEXT_SECRET.key(), "(set)");
        return "NodeConfig" + text;
    }

    /** The same config with one key changed, through the same checks as a file (for tests and tools). */
    public NodeConfig with(Map<String, String> overrides) {
        Map<String, String> base = toText();
        // node.advertise is derived from cluster.members: carrying it over would contradict an overridden member list.
        base.remove(ConfigKey.NODE_ADVERTISE.key());
        return NodeConfigParser.parse(ConfigSources.over(base, overrides));
    }

    /** Every key with its effective value, as it would be written in a config file. */
    public Map<String, String> toText() {
        return NodeConfigText.of(this);
    }
}
