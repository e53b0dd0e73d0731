package io.chorus.node;

import io.chorus.node.net.AdmissionLimits;
import io.chorus.replication.config.HintLimits;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.replication.topology.Member;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns a config's text ({@link ConfigValues}: file, environment and overrides already layered)
 * into a checked {@link NodeConfig}: each key's default, its range and unit, and the checks that
 * span keys (this node among {@code cluster.members} and where it is advertised, the suspect time
 * above the heartbeat, a frame large enough for the largest write, the byte budgets at least a
 * frame). Every error is a {@link ConfigException} naming the key, its source and what was
 * expected, worded as node/CONFIG.md promises; keys are checked in a fixed order, so a config
 * with several mistakes always reports the same one first.
 */
final class NodeConfigParser {
    private NodeConfigParser() {
    }

    static NodeConfig parse(ConfigValues v) {
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
        if (NodeConfig.ticks(suspect, tick) <= NodeConfig.ticks(heartbeat, tick)) {
            throw v.bad(ConfigKey.FAILURE_SUSPECT_MILLIS, "more than heartbeat.interval.millis (" + heartbeat + ") by at least one tick (" + tick + " ms)", suspect);
        }

        int keyBytesMax = v.intIn(ConfigKey.KEY_BYTES_MAX, 1024, 1, 64 * 1024, "bytes");
        int valueBytesMax = v.intIn(ConfigKey.VALUE_BYTES_MAX, 1 << 20, 1, 64 << 20, "bytes");
        int siblingsMax = v.intIn(ConfigKey.SIBLINGS_MAX, 64, 1, 4096, "values per key");
        int frameBytesMax = v.intIn(ConfigKey.FRAME_BYTES_MAX, 2 << 20, 1024, 256 << 20, "bytes");
        long frameNeeded = (long) valueBytesMax + keyBytesMax + NodeConfig.FRAME_OVERHEAD_BYTES;
        if (frameBytesMax < frameNeeded) {
            throw v.bad(ConfigKey.FRAME_BYTES_MAX, "at least limits.valueBytesMax + limits.keyBytesMax + " + NodeConfig.FRAME_OVERHEAD_BYTES
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

    /** The repair keys ({@link NodeConfig.RepairSettings}) with their defaults and ranges. */
    private static NodeConfig.RepairSettings repair(ConfigValues v) {
        return new NodeConfig.RepairSettings(
                v.intIn(ConfigKey.ANTI_ENTROPY_SCAN_KEYS_PER_TICK, ReplicaConfig.ANTI_ENTROPY_SCAN_KEYS_PER_TICK_DEFAULT, 1, 10_000_000,
                        "keys per tick"),
                v.intIn(ConfigKey.ANTI_ENTROPY_KEYS_MAX, ReplicaConfig.ANTI_ENTROPY_KEYS_MAX_DEFAULT, 1, 100_000, "keys per message"),
                v.parsed(ConfigKey.READ_REPAIR_ASK_ALL, true, "true or false", NodeConfigParser::bool));
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
}
