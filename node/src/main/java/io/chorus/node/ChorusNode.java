package io.chorus.node;

import io.chorus.node.net.Connections;
import io.chorus.node.net.NodeServer;
import io.chorus.node.pipeline.DurableWrites;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.metrics.NodeMetrics;
import io.chorus.node.pipeline.StateMachine;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.env.ReplicaObserver;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A running Chorus node: storage, replica, pipeline and network wired together. {@link #start}
 * returns once the node listens; {@link #close} shuts it down cleanly (safe from a shutdown hook,
 * idempotent), after which the data directory holds a clean-shutdown marker and a restart with the
 * same config finds every acknowledged write. The wiring is {@link NodeStartup}'s, the order of a
 * stop {@link NodeShutdown}'s; this class is the handle callers hold.
 */
public final class ChorusNode implements AutoCloseable {

    private final NodeConfig config;
    private final ChronicleStorage storage;
    private final NodeServer server;
    private final Connections connections;
    private final NodeHandler handler;
    private final NodeMetrics metrics;
    private final MetricsServer metricsServer;
    private final NodeShutdown shutdown;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    ChorusNode(NodeConfig config, ChronicleStorage storage, NodeServer server, Connections connections, NodeHandler handler,
               NodeMetrics metrics, MetricsServer metricsServer, NodeShutdown shutdown) {
        this.config = config;
        this.storage = storage;
        this.server = server;
        this.connections = connections;
        this.handler = handler;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.shutdown = shutdown;
    }

    /** Starts a node running the replica. */
    public static ChorusNode start(NodeConfig config) {
        return start(config, "given in code");
    }

    /** Starts a node running the replica; {@code configSource} says where its config came from, for the log. */
    public static ChorusNode start(NodeConfig config, String configSource) {
        StartupLog.starting(config, configSource);
        return start(config, ProductionReplica::create);
    }

    /** Starts a node running the state machine {@code factory} makes (tests of the shell use simple ones). */
    static ChorusNode start(NodeConfig config, StateMachineFactory factory) {
        return NodeStartup.start(config, factory);
    }

    /** Where the node listens (the bound port). */
    public InetSocketAddress address() {
        return server.boundAddress();
    }

    public NodeConfig config() {
        return config;
    }

    /** Client connections open right now. */
    public int clientConnections() {
        return connections.clientCount();
    }

    /** Peers this node has an open outgoing link to. */
    public long connectedPeers() {
        return connections.connectedPeerCount();
    }

    /** Keys in this node's storage (read from any thread: Chronicle Map's size is thread-safe). */
    public long storedKeys() {
        return storage.size();
    }

    /** The node's metrics (the same the HTTP endpoint serves). */
    public NodeMetrics metrics() {
        return metrics;
    }

    /** Where /metrics, /health and /ready are served, if {@code metrics.port} is set. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsServer).map(MetricsServer::address);
    }

    /** Failures of the state machine so far (bugs, each logged); 0 in a healthy node. */
    public long stateMachineFailures() {
        return handler.failures();
    }

    /**
     * Stops the node: no new connections, no new requests; the requests already in the ring are
     * handled and answered; then connections close and the storage closes cleanly (writing the
     * marker), in the order {@link NodeShutdown} keeps. Idempotent and safe from a shutdown hook; a
     * second caller waits for the first.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                awaitClosedUninterruptibly();
                return;
            }
            closing = true;
        }
        try {
            shutdown.run();
        } finally {
            closed.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished (for a main thread that waits for SIGTERM). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await(1, TimeUnit.SECONDS);
                if (closed.getCount() == 0) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Makes the state machine a node runs, given the actor epoch it must mint in (already durable),
     * its storage and the codec of stored states, its outbox, what counts its replica's repairs,
     * where its durable writes go (to the write-ahead log, once per handler batch) and whether the
     * log is backlogged.
     */
    @FunctionalInterface
    interface StateMachineFactory {
        StateMachine create(NodeConfig config, long actorEpoch, Storage storage, Codec codec, Outbox outbox, ReplicaObserver observer,
                            DurableWrites<Runnable> durable, BooleanSupplier backlogged);
    }
}
