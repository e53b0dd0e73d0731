package io.chorus.node;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every key a node's config accepts. Anything else is refused, so that a typo cannot silently fall
 * back to a default. node/CONFIG.md documents each one (a test checks it lists them all).
 */
public enum ConfigKey {
    NODE_NAME("node.name"),
    NODE_LISTEN("node.listen"),
    NODE_ADVERTISE("node.advertise"),
    NODE_DATA_DIR("node.dataDir"),
    CLUSTER_MEMBERS("cluster.members"),
    CLUSTER_PARTITIONS("cluster.partitions"),
    REPLICATION_FACTOR("replication.factor"),
    TICK_MILLIS("tick.millis"),
    REQUEST_TIMEOUT_MILLIS("request.timeout.millis"),
    HEARTBEAT_INTERVAL_MILLIS("heartbeat.interval.millis"),
    FAILURE_SUSPECT_MILLIS("failure.suspect.millis"),
    KEY_BYTES_MAX("limits.keyBytesMax"),
    VALUE_BYTES_MAX("limits.valueBytesMax"),
    SIBLINGS_MAX("limits.siblingsMax"),
    FRAME_BYTES_MAX("limits.frameBytesMax"),
    IN_FLIGHT_PER_CONNECTION_MAX("limits.inFlightPerConnectionMax"),
    PIPELINE_RING_SIZE("pipeline.ringSize"),
    STORAGE_ENTRIES_MAX("storage.entriesMax"),
    STORAGE_AVERAGE_VALUE_BYTES("storage.averageValueBytes"),
    METRICS_PORT("metrics.port"),
    ANTI_ENTROPY_INTERVAL_MILLIS("antiEntropy.interval.millis"),
    READ_SPECULATION_MILLIS("read.speculation.millis"),
    WAL_DIR("wal.dir"),
    WAL_BYTES_MAX("wal.bytesMax"),
    WAL_BACKLOG_BYTES_MAX("wal.backlogBytesMax"),
    CLUSTER_NAME("cluster.name"),
    PEER_SECRET_FILE("peer.secretFile"),
    TLS_CERT_FILE("tls.certFile"),
    TLS_KEY_FILE("tls.keyFile"),
    TLS_CA_FILE("tls.caFile"),
    AUTH_USERS_FILE("auth.usersFile"),
    HINTS_MAX("hints.max"),
    HINTS_BYTES_MAX("hints.bytesMax"),
    HINTS_REPLAY_KEYS_PER_SECOND("hints.replayKeysPerSecond"),
    CLUSTER_CONTEXT_SECRET("cluster.contextSecret"),
    CONNECTIONS_MAX("limits.connectionsMax"),
    PENDING_CONNECTIONS_MAX("limits.pendingConnectionsMax"),
    REQUEST_BYTES_MAX("limits.requestBytesMax"),
    CONNECTION_REQUEST_BYTES_MAX("limits.connectionRequestBytesMax"),
    UNSENT_REPLY_BYTES_MAX("limits.unsentReplyBytesMax"),
    READ_TIMEOUT_MILLIS("net.readTimeoutMillis"),
    IDLE_TIMEOUT_MILLIS("net.idleTimeoutMillis"),
    ANTI_ENTROPY_SCAN_KEYS_PER_TICK("antiEntropy.scanKeysPerTick"),
    ANTI_ENTROPY_KEYS_MAX("antiEntropy.keysMax"),
    READ_REPAIR_ASK_ALL("readRepair.askAll"),
    PEER_QUEUE_BYTES_MAX("limits.peerQueueBytesMax");

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    /** The key as written in the file, e.g. {@code tick.millis}. */
    public String key() {
        return key;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static List<String> allKeys() {
        return Arrays.stream(values()).map(ConfigKey::key).toList();
    }
}
