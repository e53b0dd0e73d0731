package io.chorus.node;

import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.metrics.NodeMetrics;
import io.chorus.node.net.Connections;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.node.storage.WalWriter;

/**
 * A node's HTTP endpoint ({@link MetricsServer}: /metrics, /health, /ready), started when
 * {@code metrics.port} is set, with what makes this node ready: its storage open, its write-ahead
 * log writer alive (else durable writes could not be acknowledged) and its pipeline still taking
 * events; and, while it is ready, the detail /ready shows (keys stored, partitions and members,
 * peers connected). Both are read on the endpoint's own event loop, never the handler thread.
 */
final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    /** Starts the endpoint on {@code metrics.port}, at the listen address's host. */
    static MetricsServer start(NodeConfig config, NodeMetrics metrics, ChronicleStorage storage, WalWriter writer, Pipeline pipeline,
                               Connections connections) {
        MetricsServer.Readiness readiness = () -> {
            if (!storage.isOpen()) return "storage is closed";
            if (writer.failed()) return "the write-ahead log writer failed (see the log): durable writes cannot be acknowledged";
            if (!pipeline.inbound().isAccepting()) return "the node is stopping";
            return null;
        };
        return MetricsServer.start(config.name().name(), config.listen().host(), config.metricsPort(), metrics, readiness,
                () -> "storage open (" + storage.size() + " keys), ring of " + config.partitions() + " partitions over "
                        + config.members().size() + " members, " + connections.connectedPeerCount() + " of "
                        + (config.members().size() - 1) + " peers connected");
    }
}
