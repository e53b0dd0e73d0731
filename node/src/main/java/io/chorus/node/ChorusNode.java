package io.chorus.node;

import io.chorus.node.net.Connections;
import io.chorus.node.net.NetworkSettings;
import io.chorus.node.net.NodeServer;
import io.chorus.node.security.NodeSecurity;
import io.chorus.node.net.Transport;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.DurableWrites;
import io.chorus.node.pipeline.Inbound;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.PeerLivenessLog;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.metrics.NodeGauges;
import io.chorus.node.metrics.NodeMetrics;
import io.chorus.node.metrics.RequestTracker;
import io.chorus.node.pipeline.StateMachine;
import io.chorus.node.pipeline.TickScheduler;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.node.storage.DataDirectory;
import io.chorus.node.storage.StorageSizing;
import io.chorus.node.storage.WalWriter;
import io.chorus.node.testing.TestHooks;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.topology.Member;
import io.chorus.replication.env.ReplicaObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A running Chorus node: storage, replica, pipeline and network wired together. {@link #start}
 * returns once the node listens; {@link #close} shuts it down cleanly (safe from a shutdown hook,
 * idempotent), after which the data directory holds a clean-shutdown marker and a restart with the
 * same config finds every acknowledged write.
 */
public final class ChorusNode implements AutoCloseable {
    /** How long close() lets the handler finish the events already in the ring. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** Netty threads per node: two keep accept, peers and clients moving without starving the handler. */
    static final int IO_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final Logger log = LoggerFactory.getLogger(ChorusNode.class);

    private final NodeConfig config;
    private final ChronicleStorage storage;
    private final Pipeline pipeline;
    private final NodeServer server;
    private final TickScheduler ticks;
    private final Connections connections;
    private final NodeHandler handler;
    private final NodeMetrics metrics;
    private final MetricsServer metricsServer;
    private final WalWriter writer;
    private final DurableWrites<Runnable> durable;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private ChorusNode(NodeConfig config, ChronicleStorage storage, Pipeline pipeline, NodeServer server, TickScheduler ticks,
                       Connections connections, NodeHandler handler, NodeMetrics metrics, MetricsServer metricsServer, WalWriter writer,
                       DurableWrites<Runnable> durable) {
        this.config = config;
        this.storage = storage;
        this.pipeline = pipeline;
        this.server = server;
        this.ticks = ticks;
        this.connections = connections;
        this.handler = handler;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.writer = writer;
        this.durable = durable;
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
        ChronicleStorage.disableChronicleTelemetry();
        String name = config.name().name();
        NodeMetrics metrics = new NodeMetrics(name);
        RequestTracker tracker = metrics.newTracker();
        Connections connections = new Connections();
        BatchingOutbox outbox = new BatchingOutbox(config.name(), connections, tracker);
        ChronicleStorage storage = null;
        Pipeline pipeline = null;
        NodeServer server = null;
        MetricsServer metricsServer = null;
        WalWriter writer = null;
        AtomicReference<Inbound> inbound = new AtomicReference<>(); // the writer reports into the ring, which comes later
        try {
            StorageSizing sizing = Durability.storageSizing(config);
            DataDirectory directory = DataDirectory.acquire(config.dataDir()); // takes the next actor epoch after an unclean stop
            boolean firstStart = !directory.previousRunClean() && !ChronicleStorage.exists(directory);
            Codec storageCodec = new Codec(Durability.storageCodecBytesMax(config));
            storage = ChronicleStorage.open(directory, sizing, storageCodec, name);
            writer = Durability.start(config, storage, storageCodec, firstStart, metrics.durability(), id -> inbound.get().publishPersisted(id));
            metrics.durability().bind(writer);
            Durability.logActorEpoch(config, directory);
            DurableWrites<Runnable> durable = new DurableWrites<>(writer::submit);
            WalWriter logWriter = writer;
            // TEST ONLY: a fault-test harness may watch storage writes (node/CONFIG.md, "Test-only switches")
            Storage replicaStorage = TestHooks.watched(metrics.metered(storage), config.name().actor(directory.actorEpoch()));
            StateMachine machine = factory.create(config, directory.actorEpoch(), replicaStorage, storageCodec, outbox,
                    metrics.replicaObserver(), durable, logWriter::backlogged);
            NodeHandler handler = new NodeHandler(name, machine, outbox, tracker, durable);
            pipeline = Pipeline.start(name, config.ringSize(), handler);
            inbound.set(pipeline.inbound());
            NodeSecurity security = NodeSecurity.load(config.security(), name);
            NodeGauges gauges = new NodeGauges(metrics.registry());
            gauges.bindGreetings(security.counters());
            server = NodeServer.start(networkSettings(config), security, Transport.best(), pipeline.inbound(), connections);
            gauges.bind(pipeline.inbound(), storage, connections, handler, outbox);
            if (config.metricsPort() != 0) metricsServer = MetricsEndpoint.start(config, metrics, storage, writer, pipeline, connections);
            TickScheduler ticks = TickScheduler.start(name, config.tickMillis(), pipeline.inbound());
            ChorusNode node = new ChorusNode(config, storage, pipeline, server, ticks, connections, handler, metrics, metricsServer, writer, durable);
            StartupLog.started(config, server, storage.size(), config.name().actor(directory.actorEpoch()), metricsServer);
            return node;
        } catch (RuntimeException e) {
            log.error("node {} failed to start: {}", config.name(), e.getMessage());
            if (metricsServer != null) metricsServer.close();
            if (server != null) server.close();
            boolean drained = pipeline == null || pipeline.drainAndStop(DRAIN_TIMEOUT);
            if (writer != null) drained &= writer.drainAndStop(DRAIN_TIMEOUT);
            if (storage != null && drained) storage.close();
            metrics.close();
            throw e;
        }
    }

    static NetworkSettings networkSettings(NodeConfig config) {
        Map<io.chorus.replication.ring.NodeId, HostPort> peers = new LinkedHashMap<>();
        for (Member member : config.members()) {
            if (!member.id().equals(config.name())) peers.put(member.id(), HostPort.parse(member.address()));
        }
        return new NetworkSettings(config.name(), config.listen(), peers, config.frameBytesMax(),
                config.inFlightPerConnectionMax(), config.ringSize(), IO_THREADS, config.admission());
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
     * marker). Idempotent and safe from a shutdown hook; a second caller waits for the first.
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
            log.info("node {} stopping", config.name());
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
                log.info("node {} stopped cleanly", config.name());
            } else {
                // The handler or writer may still touch the map or the log: leave them. No marker, so the next start recovers and replays.
                log.error("node {} stopped without closing its storage ({} still busy); the next start will recover it and replay its"
                        + " write-ahead log", config.name(), drained ? "write-ahead log writer" : "handler");
            }
            metrics.close();
        } catch (RuntimeException e) {
            log.error("node {}: error while stopping", config.name(), e);
            throw e;
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
