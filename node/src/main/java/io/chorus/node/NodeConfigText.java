package io.chorus.node;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * A {@link NodeConfig} written back as config text: every key of {@link ConfigKey} with its
 * effective value, as it would be written in a config file, so that loading the text gives the
 * same config (what {@link NodeConfig#with} relies on). Paths left unset are
 * empty; the context secret is written as it is (only {@link NodeConfig#toString} hides it).
 */
final class NodeConfigText {
    private NodeConfigText() {
    }

    /** Every key with its effective value, in {@link ConfigKey} order. */
    static Map<String, String> of(NodeConfig config) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put(ConfigKey.NODE_NAME.key(), config.name().name());
        text.put(ConfigKey.NODE_LISTEN.key(), config.listen().toString());
        text.put(ConfigKey.NODE_ADVERTISE.key(), config.advertise().toString());
        text.put(ConfigKey.NODE_DATA_DIR.key(), config.dataDir().toString());
        text.put(ConfigKey.CLUSTER_MEMBERS.key(), String.join(",", config.members().stream().map(m -> m.id().name() + "@" + m.address()).toList()));
        text.put(ConfigKey.CLUSTER_PARTITIONS.key(), Integer.toString(config.partitions()));
        text.put(ConfigKey.REPLICATION_FACTOR.key(), Integer.toString(config.replicationFactor()));
        text.put(ConfigKey.TICK_MILLIS.key(), Integer.toString(config.tickMillis()));
        text.put(ConfigKey.REQUEST_TIMEOUT_MILLIS.key(), Integer.toString(config.requestTimeoutMillis()));
        text.put(ConfigKey.HEARTBEAT_INTERVAL_MILLIS.key(), Integer.toString(config.heartbeatIntervalMillis()));
        text.put(ConfigKey.FAILURE_SUSPECT_MILLIS.key(), Integer.toString(config.failureSuspectMillis()));
        text.put(ConfigKey.KEY_BYTES_MAX.key(), Integer.toString(config.keyBytesMax()));
        text.put(ConfigKey.VALUE_BYTES_MAX.key(), Integer.toString(config.valueBytesMax()));
        text.put(ConfigKey.SIBLINGS_MAX.key(), Integer.toString(config.siblingsMax()));
        text.put(ConfigKey.FRAME_BYTES_MAX.key(), Integer.toString(config.frameBytesMax()));
        text.put(ConfigKey.IN_FLIGHT_PER_CONNECTION_MAX.key(), Integer.toString(config.inFlightPerConnectionMax()));
        text.put(ConfigKey.PIPELINE_RING_SIZE.key(), Integer.toString(config.ringSize()));
        text.put(ConfigKey.STORAGE_ENTRIES_MAX.key(), Long.toString(config.storageEntriesMax()));
        text.put(ConfigKey.STORAGE_AVERAGE_VALUE_BYTES.key(), Integer.toString(config.storageAverageValueBytes()));
        text.put(ConfigKey.METRICS_PORT.key(), Integer.toString(config.metricsPort()));
        text.put(ConfigKey.ANTI_ENTROPY_INTERVAL_MILLIS.key(), Integer.toString(config.antiEntropyIntervalMillis()));
        text.put(ConfigKey.READ_SPECULATION_MILLIS.key(), Integer.toString(config.readSpeculationMillis()));
        text.put(ConfigKey.WAL_DIR.key(), config.walDir() == null ? "" : config.walDir().toString()); // empty: follows node.dataDir
        text.put(ConfigKey.WAL_BYTES_MAX.key(), Long.toString(config.walBytesMax()));
        text.put(ConfigKey.WAL_BACKLOG_BYTES_MAX.key(), Long.toString(config.walBacklogBytesMax()));
        config.security().toText(text);
        text.put(ConfigKey.HINTS_MAX.key(), Integer.toString(config.hintsMax()));
        text.put(ConfigKey.HINTS_BYTES_MAX.key(), Long.toString(config.hintsBytesMax()));
        text.put(ConfigKey.HINTS_REPLAY_KEYS_PER_SECOND.key(), Integer.toString(config.hintsReplayKeysPerSecond()));
        text.put(ConfigKey.CLUSTER_CONTEXT_SECRET.key(), config.contextSecret());
        text.put(ConfigKey.CONNECTIONS_MAX.key(), Integer.toString(config.admission().connectionsMax()));
        text.put(ConfigKey.PENDING_CONNECTIONS_MAX.key(), Integer.toString(config.admission().pendingConnectionsMax()));
        text.put(ConfigKey.REQUEST_BYTES_MAX.key(), Long.toString(config.admission().requestBytesMax()));
        text.put(ConfigKey.CONNECTION_REQUEST_BYTES_MAX.key(), Long.toString(config.admission().connectionRequestBytesMax()));
        text.put(ConfigKey.UNSENT_REPLY_BYTES_MAX.key(), Integer.toString(config.admission().unsentReplyBytesMax()));
        text.put(ConfigKey.READ_TIMEOUT_MILLIS.key(), Integer.toString(config.admission().readTimeoutMillis()));
        text.put(ConfigKey.IDLE_TIMEOUT_MILLIS.key(), Integer.toString(config.admission().idleTimeoutMillis()));
        text.put(ConfigKey.ANTI_ENTROPY_SCAN_KEYS_PER_TICK.key(), Integer.toString(config.repair().antiEntropyScanKeysPerTick()));
        text.put(ConfigKey.ANTI_ENTROPY_KEYS_MAX.key(), Integer.toString(config.repair().antiEntropyKeysMax()));
        text.put(ConfigKey.READ_REPAIR_ASK_ALL.key(), Boolean.toString(config.repair().readRepairAskAll()));
        text.put(ConfigKey.PEER_QUEUE_BYTES_MAX.key(), Integer.toString(config.admission().peerQueueBytesMax()));
        assert text.keySet().equals(new LinkedHashSet<>(ConfigKey.allKeys())) : "toText misses a key";
        return text;
    }
}
