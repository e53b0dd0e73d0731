package io.chorus.node;

import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.metrics.NodeMetrics;
import io.chorus.node.net.NodeServer;
import io.chorus.node.pipeline.DurableWrites;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.pipeline.TickScheduler;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.node.storage.WalWriter;
import io.chorus.replication.ring.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The order a started node's parts stop in, so that a clean stop loses nothing: no new
 * connections or ticks; the handler finishes the events already in the ring and stops once no
 * reply waits for an fsync; connections close; the write-ahead log writer fsyncs what is left and
 * stops; only then is the map closed (fsynced, marked clean) and the log deleted. If the handler
 * or the writer does not finish within {@link #DRAIN_TIMEOUT}, the storage and the log are left
 * as they are, with no clean marker, for the next start to recover and replay. Run once, by
 * {@link ChorusNode#close()}; its lines are logged under {@link ChorusNode}'s logger, as they
 * always were.
 */
final class NodeShutdown {
    /** How long a stop lets the handler finish the events already in the ring, and the writer its fsyncs. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ChorusNode.class);

    private final NodeId name;
    private final MetricsServer metricsServer;
    private final NodeServer server;
    private final TickScheduler ticks;
    private final Pipeline pipeline;
    private final DurableWrites<Runnable> durable;
    private final WalWriter writer;
    private final ChronicleStorage storage;
    private final NodeMetrics metrics;

    /** @param metricsServer null when {@code metrics.port} is off */
    NodeShutdown(NodeId name, MetricsServer metricsServer, NodeServer server, TickScheduler ticks, Pipeline pipeline,
                 DurableWrites<Runnable> durable, WalWriter writer, ChronicleStorage storage, NodeMetrics metrics) {
        this.name = name;
        this.metricsServer = metricsServer;
        this.server = server;
        this.ticks = ticks;
        this.pipeline = pipeline;
        this.durable = durable;
        this.writer = writer;
        this.storage = storage;
        this.metrics = metrics;
    }

    /** Stops every part, in order; an exception is logged and rethrown. */
    void run() {
        try {
            log.info("node {} stopping", name);
            if (metricsServer != null) metricsServer.close();
            server.stopAccepting();
            ticks.close();
            // The handler stops once nothing waits for an fsync (those replies still go out), then the
            // writer fsyncs what is left and stops, then the map is fsynced and marked clean.
            boolean drained = pipeline.drainAndStop(DRAIN_TIMEOUT, () -> durable.outstanding() == 0);
            server.close();
            boolean logged = drained && writer.drainAndStop(DRAIN_TIMEOUT);
            if (logged) {
                storage.close();
                writer.deleteLog(); // the map file is fsynced and marked clean: the log holds nothing it lacks
                log.info("node {} stopped cleanly", name);
            } else {
                // The handler or writer may still touch the map or the log: leave them. No marker, so the next start recovers and replays.
                log.error("node {} stopped without closing its storage ({} still busy); the next start will recover it and replay its"
                        + " write-ahead log", name, drained ? "write-ahead log writer" : "handler");
            }
            metrics.close();
        } catch (RuntimeException e) {
            log.error("node {}: error while stopping", name, e);
            throw e;
        }
    }
}
