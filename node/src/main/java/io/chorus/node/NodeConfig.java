package io.chorus.node;

import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Topology;
import io.chorus.replication.config.HintLimits;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.node.net.AdmissionLimits;
import io.chorus.replication.message.ContextSeal;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A node's configuration: every key of node/CONFIG.md, parsed and checked. Times are in
 * milliseconds here and converted to ticks for the replica ({@link #replicaConfig()}).
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
        ConfigValues values = new ConfigValues();
        if (file != null) readFile(file, values);
        ConfigEnvironment.settings(environment).forEach((key, variable) -> values.put(key, environment.get(variable),
                "environment variable " + variable));
        overrides.forEach((key, value) -> values.put(key, value, "override"));
        return parse(values);
    }

    /** All defaults: a single node n1 on 127.0.0.1:7401. */
    public static NodeConfig defaults() {
        return load(null, Map.of());
    }

    private static void readFile(Path file, ConfigValues values) {
        if (!Files.isRegularFile(file)) throw new ConfigException("config file " + file + " does not exist or is not a file");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        properties.stringPropertyNames().stream().sorted().forEach(key -> values.put(key, properties.getProperty(key), "in " + file));
    }

    private static NodeConfig parse(ConfigValues v) {
        NodeId name = v.parsed(ConfigKey.NODE_NAME, NodeId.of("n1"), "a name of 1 to 64 letters, digits, '.', '_' or '-'", MemberList::nodeName);
        HostPort listen = v.parsed(ConfigKey.NODE_LISTEN, new HostPort("127.0.0.1", 7401), "host:port", HostPort::parse);
        HostPort advertised = v.parsed(ConfigKey.NODE_ADVERTISE, null, "host:port", HostPort::parse);
        Path dataDir = v.parsed(ConfigKey.NODE_DATA_DIR, Path.of("data", name.name()), "a directory path", Path::of);
        List<Member> members = v.parsed(ConfigKey.CLUSTER_MEMBERS, List.of(new Member(name, (advertised != null ? advertised : listen).toString())),
                "a comma-separated list of name@host:port", MemberList::parse);
        Member self = members.stream().filter(m -> m.id().equals(name)).findFirst().orElseThrow(() -> new ConfigException(
                v.describe(ConfigKey.CLUSTER_MEMBERS) + ": must list this node's name '" + name + "', got " + MemberList.names(members)));
        HostPort advertise = HostPort.parse(self.address());
        // Peers and clients learn a node's address from cluster.members only, so a different
        // node.advertise would be told to no one: refuse it rather than leave the node unreachable.
        if (advertised != null && !advertised.equals(advertise)) {
            throw new ConfigException(v.describe(ConfigKey.NODE_ADVERTISE) + ": is " + advertised + " but "
                    + v.describe(ConfigKey.CLUSTER_MEMBERS) + " lists " + name + "@" + advertise + "; peers and clients are told the"
                    + " members' addresses, so the two must agree");
        }
        int partitions = v.intIn(ConfigKey.CLUSTER_PARTITIONS, Ring.defaultPartitions(members.size()), members.size(), 1 << 20, "partitions");
        if (Integer.bitCount(partitions) != 1) throw v.bad(ConfigKey.CLUSTER_PARTITIONS, "a power of two (partitions)");
        int replicationFactor = Math.min(members.size(), v.intIn(ConfigKey.REPLICATION_FACTOR, 3, 1, 64, "replicas per key"));

        int tick = v.intIn(ConfigKey.TICK_MILLIS, 10, 1, 1000, "milliseconds");
        int requestTimeout = v.intIn(ConfigKey.REQUEST_TIMEOUT_MILLIS, 2000, tick, 3_600_000, "milliseconds, at least tick.millis");
        int heartbeat = v.intIn(ConfigKey.HEARTBEAT_INTERVAL_MILLIS, 100, tick, 3_600_000, "milliseconds, at least tick.millis");
        int suspect = v.intIn(ConfigKey.FAILURE_SUSPECT_MILLIS, 500, tick, 3_600_000, "milliseconds, at least tick.millis");
        if (ticks(suspect, tick) <= ticks(heartbeat, tick)) {
            throw v.bad(ConfigKey.FAILURE_SUSPECT_MILLIS, "more than heartbeat.interval.millis (" + heartbeat + ") by at least one tick (" + tick + " ms)", suspect);
        }

        int keyBytesMax = v.intIn(ConfigKey.KEY_BYTES_MAX, 1024, 1, 64 * 1024, "bytes");
        int valueBytesMax = v.intIn(ConfigKey.VALUE_BYTES_MAX, 1 << 20, 1, 64 << 20, "bytes");
        int siblingsMax = v.intIn(ConfigKey.SIBLINGS_MAX, 64, 1, 4096, "values per key");
        int frameBytesMax = v.intIn(ConfigKey.FRAME_BYTES_MAX, 2 << 20, 1024, 256 << 20, "bytes");
        long frameNeeded = (long) valueBytesMax + keyBytesMax + FRAME_OVERHEAD_BYTES;
        if (frameBytesMax < frameNeeded) {
            throw v.bad(ConfigKey.FRAME_BYTES_MAX, "at least limits.valueBytesMax + limits.keyBytesMax + " + FRAME_OVERHEAD_BYTES
                    + " = " + frameNeeded + " bytes, so that the largest allowed write fits in one frame", frameBytesMax);
        }
        int inFlight = v.intIn(ConfigKey.IN_FLIGHT_PER_CONNECTION_MAX, 1024, 1, 1 << 20, "requests");
        int ringSize = v.intIn(ConfigKey.PIPELINE_RING_SIZE, 65536, 16, 1 << 24, "events");
        if (Integer.bitCount(ringSize) != 1) throw v.bad(ConfigKey.PIPELINE_RING_SIZE, "a power of two from 16 to " + (1 << 24) + " (events)");
        long entriesMax = v.longIn(ConfigKey.STORAGE_ENTRIES_MAX, 1_000_000, 100, 1L << 34, "keys");
        int averageValueBytes = v.intIn(ConfigKey.STORAGE_AVERAGE_VALUE_BYTES, 1024, 1, valueBytesMax, "bytes, at most limits.valueBytesMax");
        int metricsPort = v.intIn(ConfigKey.METRICS_PORT, 0, 0, 65535, "TCP port, 0 = off");
        int antiEntropyInterval = v.intIn(ConfigKey.ANTI_ENTROPY_INTERVAL_MILLIS, 5000, tick, 86_400_000, "milliseconds, at least tick.millis");
        int readSpeculation = v.intIn(ConfigKey.READ_SPECULATION_MILLIS, 50, tick, 3_600_000, "milliseconds, at least tick.millis");
        Path walDir = v.parsed(ConfigKey.WAL_DIR, null, "a directory path", Path::of);
        long walBytesMax = v.longIn(ConfigKey.WAL_BYTES_MAX, 64L << 20, 1L << 20, 64L << 30, "bytes, 1 MiB to 64 GiB");
        long walBacklogBytesMax = v.longIn(ConfigKey.WAL_BACKLOG_BYTES_MAX, 64L << 20, 1L << 20, 16L << 30, "bytes, 1 MiB to 16 GiB");
        HintLimits hints = HintLimits.DEFAULTS;
        int hintsMax = v.intIn(ConfigKey.HINTS_MAX, hints.hintsMax(), 0, 100_000_000, "keys, 0 = keep no hints");
        long hintsBytesMax = v.longIn(ConfigKey.HINTS_BYTES_MAX, hints.hintBytesMax(), 0, 1L << 40, "bytes");
        int hintsReplay = v.intIn(ConfigKey.HINTS_REPLAY_KEYS_PER_SECOND, 2000, 1, 10_000_000, "keys per second");
        String contextSecret = v.text(ConfigKey.CLUSTER_CONTEXT_SECRET, "");
        if (!contextSecret.isEmpty() && contextSecret.length() < 16) throw v.bad(ConfigKey.CLUSTER_CONTEXT_SECRET, "at least 16 characters");
        AdmissionLimits admission = admission(v, frameBytesMax);

        return new NodeConfig(name, listen, advertise, dataDir, members, partitions, replicationFactor, tick, requestTimeout,
                heartbeat, suspect, keyBytesMax, valueBytesMax, siblingsMax, frameBytesMax, inFlight, ringSize,
                entriesMax, averageValueBytes, metricsPort, antiEntropyInterval, readSpeculation, walDir, walBytesMax, walBacklogBytesMax,
                SecurityConfig.parse(v), hintsMax, hintsBytesMax, hintsReplay, contextSecret, admission, repair(v));
    }

    /**
     * How repair spends the node's one thread and the network (node/CONFIG.md, "Timing"): keys the
     * anti-entropy storage scan visits per tick, keys per anti-entropy message, reads of every replica.
     */
    private static RepairSettings repair(ConfigValues v) {
        return new RepairSettings(
                v.intIn(ConfigKey.ANTI_ENTROPY_SCAN_KEYS_PER_TICK, ReplicaConfig.ANTI_ENTROPY_SCAN_KEYS_PER_TICK_DEFAULT, 1, 10_000_000,
                        "keys per tick"),
                v.intIn(ConfigKey.ANTI_ENTROPY_KEYS_MAX, ReplicaConfig.ANTI_ENTROPY_KEYS_MAX_DEFAULT, 1, 100_000, "keys per message"),
                v.parsed(ConfigKey.READ_REPAIR_ASK_ALL, true, "true or false", NodeConfig::bool));
    }

    /** @see #repair */
    public record RepairSettings(int antiEntropyScanKeysPerTick, int antiEntropyKeysMax, boolean readRepairAskAll) {
    }

    private static boolean bool(String text) {
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
        };
    }

    /** The request byte budget defaults to a quarter of the heap (at most 256 MiB), so that the defaults fit any heap. */
    private static AdmissionLimits admission(ConfigValues v, int frameBytesMax) {
        long budgetDefault = Math.max(2L * frameBytesMax, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
        String atLeastAFrame = "bytes, at least limits.frameBytesMax (" + frameBytesMax + ")";
        return new AdmissionLimits(
                v.intIn(ConfigKey.CONNECTIONS_MAX, 4096, 1, 1 << 20, "connections"),
                v.intIn(ConfigKey.PENDING_CONNECTIONS_MAX, 512, 1, 1 << 20, "connections"),
                v.longIn(ConfigKey.REQUEST_BYTES_MAX, budgetDefault, frameBytesMax, 1L << 40, atLeastAFrame),
                v.longIn(ConfigKey.CONNECTION_REQUEST_BYTES_MAX, Math.max(frameBytesMax, 32L << 20), frameBytesMax, 1L << 40, atLeastAFrame),
                v.intIn(ConfigKey.UNSENT_REPLY_BYTES_MAX, Math.max(frameBytesMax, 8 << 20), frameBytesMax, 1 << 30, atLeastAFrame),
                v.intIn(ConfigKey.READ_TIMEOUT_MILLIS, 10_000, 10, 3_600_000, "milliseconds"),
                v.intIn(ConfigKey.IDLE_TIMEOUT_MILLIS, 300_000, 0, 86_400_000, "milliseconds, 0 = never"),
                v.intIn(ConfigKey.PEER_QUEUE_BYTES_MAX, Math.max(frameBytesMax, AdmissionLimits.PEER_QUEUE_BYTES_DEFAULT), frameBytesMax, 1 << 30,
                        atLeastAFrame));
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
        ConfigValues values = new ConfigValues();
        // node.advertise is derived from cluster.members: carrying it over would contradict an overridden member list.
        toText().forEach((key, value) -> {
            if (!key.equals(ConfigKey.NODE_ADVERTISE.key())) values.put(key, value, "base config");
        });
        overrides.forEach((key, value) -> values.put(key, value, "override"));
        return parse(values);
    }

    /** Every key with its effective value, as it would be written in a config file. */
    public Map<String, String> toText() {
        return NodeConfigText.of(this);
    }
}
