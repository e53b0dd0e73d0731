package io.chorus.node;

import io.chorus.node.net.Connections;
import io.chorus.node.net.NetworkSettings;
import io.chorus.node.net.NodeServer;
import io.chorus.node.net.Transport;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.PeerLivenessLog;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.metrics.NodeMetrics;
import io.chorus.node.metrics.RequestTracker;
import io.chorus.node.pipeline.StateMachine;
import io.chorus.node.pipeline.TickScheduler;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.node.storage.DataDirectory;
import io.chorus.node.storage.StorageSizing;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.replica.Member;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.replica.ReplicaObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private ChorusNode(NodeConfig config, ChronicleStorage storage, Pipeline pipeline, NodeServer server, TickScheduler ticks,
                       Connections connections, NodeHandler handler, NodeMetrics metrics, MetricsServer metricsServer) {
        this.config = config;
        this.storage = storage;
        this.pipeline = pipeline;
        this.server = server;
        this.ticks = ticks;
        this.connections = connections;
        this.handler = handler;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
    }

    /** Starts a node running the replica. */
    public static ChorusNode start(NodeConfig config) {
        return start(config, "given in code");
    }

    /** Starts a node running the replica; {@code configSource} says where its config came from, for the log. */
    public static ChorusNode start(NodeConfig config, String configSource) {
        String version = ChorusNode.class.getPackage().getImplementationVersion(); // from the jar's manifest
        log.info("Chorus {} (Java {}) starting node {}, config from {}", version == null ? "(classes, no jar)" : version,
                Runtime.version(), config.name(), configSource);
        return start(config, ChorusNode::newReplica);
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
        try {
            StorageSizing sizing = storageSizing(config);
            DataDirectory directory = DataDirectory.acquire(config.dataDir()); // takes the next actor epoch after an unclean stop
            storage = ChronicleStorage.open(directory, sizing, new Codec(storageCodecBytesMax(config)), name);
            logActorEpoch(config, directory);
            StateMachine machine = factory.create(config, directory.actorEpoch(), metrics.metered(storage), outbox, metrics.replicaObserver());
            NodeHandler handler = new NodeHandler(name, machine, outbox, tracker);
            pipeline = Pipeline.start(name, config.ringSize(), handler);
            server = NodeServer.start(networkSettings(config), Transport.best(), pipeline.inbound(), connections);
            metrics.bind(pipeline.inbound(), storage, connections, handler, outbox);
            if (config.metricsPort() != 0) metricsServer = startMetricsServer(config, metrics, storage, pipeline, connections);
            TickScheduler ticks = TickScheduler.start(name, config.tickMillis(), pipeline.inbound());
            ChorusNode node = new ChorusNode(config, storage, pipeline, server, ticks, connections, handler, metrics, metricsServer);
            log.info("node {} listening on {} ({}), advertised as {}, data in {} ({} keys{}), minting as actor {}, members {}, N={}, {} partitions, metrics {}",
                    config.name(), server.boundAddress(), server.transportName(), config.advertise(), config.dataDir().toAbsolutePath(),
                    storage.size(), storage.recovered() ? ", recovered after an unclean shutdown" : "", config.name().actor(directory.actorEpoch()),
                    config.members().stream().map(m -> m.id() + "@" + m.address()).toList(),
                    config.replicationFactor(), config.partitions(),
                    metricsServer == null ? "off" : "on http://" + new HostPort(config.listen().host(), metricsServer.address().getPort()) + "/metrics");
            warnIfListenDiffersFromMemberAddress(config);
            return node;
        } catch (RuntimeException e) {
            log.error("node {} failed to start: {}", config.name(), e.getMessage());
            if (metricsServer != null) metricsServer.close();
            if (server != null) server.close();
            boolean drained = pipeline == null || pipeline.drainAndStop(DRAIN_TIMEOUT);
            if (storage != null && drained) storage.close();
            metrics.close();
            throw e;
        }
    }

    /**
     * Peers and clients use the advertised (member) address. A port other than the listen port is
     * right only behind a port mapping (Docker's -p 7501:7401), else a typo; a wildcard host is
     * never reachable.
     */
    private static void warnIfListenDiffersFromMemberAddress(NodeConfig config) {
        HostPort advertised = config.advertise();
        if (advertised.port() != config.listen().port()) {
            log.warn("node {} listens on {} but cluster.members says peers and clients reach it at {}: right only if a port"
                    + " mapping forwards one to the other; else check both keys", config.name(), config.listen(), advertised);
        }
        if (advertised.host().equals("0.0.0.0") || advertised.host().equals("::")) {
            log.warn("node {} is advertised as {}, a wildcard address: peers and clients on other machines cannot reach it;"
                    + " set node.advertise and this node's entry in cluster.members to a reachable host:port", config.name(), advertised);
        }
    }

    private static MetricsServer startMetricsServer(NodeConfig config, NodeMetrics metrics, ChronicleStorage storage, Pipeline pipeline,
                                                    Connections connections) {
        MetricsServer.Readiness readiness = () -> {
            if (!storage.isOpen()) return "storage is closed";
            if (!pipeline.inbound().isAccepting()) return "the node is stopping";
            return null;
        };
        return MetricsServer.start(config.name().name(), config.listen().host(), config.metricsPort(), metrics, readiness,
                () -> "storage open (" + storage.size() + " keys), ring of " + config.partitions() + " partitions over "
                        + config.members().size() + " members, " + connections.connectedPeerCount() + " of "
                        + (config.members().size() - 1) + " peers connected");
    }

    private static StateMachine newReplica(NodeConfig config, long actorEpoch, Storage storage, Outbox outbox, ReplicaObserver observer) {
        SplitMixRandom random = new SplitMixRandom(new SecureRandom().nextLong());
        Clock clock = System::currentTimeMillis;
        Replica replica = new Replica(config.name(), actorEpoch, config.membership(), config.replicaConfig(), storage, outbox,
                random, clock, observer);
        return new PeerLivenessLog(config.name(), config.members(), replica::isAlive).around(StateMachine.of(replica));
    }

    private static StorageSizing storageSizing(NodeConfig config) {
        return new StorageSizing(config.storageEntriesMax(), config.storageAverageValueBytes(), config.keyBytesMax(), config.valueBytesMax());
    }

    /** A new epoch means the node's latest writes may be lost: say so, and which actor it mints under now. */
    private static void logActorEpoch(NodeConfig config, DataDirectory directory) {
        if (!directory.actorEpochAdvanced()) return;
        log.warn("node {}: the previous run did not shut down cleanly, so storage may have lost its latest writes and the dots"
                + " minted for them; minting as actor {} from now on (epoch {}, kept in {})", config.name(),
                config.name().actor(directory.actorEpoch()), directory.actorEpoch(), directory.actorEpochFile().toAbsolutePath());
    }

    /** The handler's codec also writes stored siblings: room for every sibling at its largest. */
    static int storageCodecBytesMax(NodeConfig config) {
        long bytes = (long) config.siblingsMax() * (config.valueBytesMax() + 256L) + config.frameBytesMax();
        return (int) Math.min(Integer.MAX_VALUE - 64, bytes);
    }

    static NetworkSettings networkSettings(NodeConfig config) {
        Map<io.chorus.replication.ring.NodeId, HostPort> peers = new LinkedHashMap<>();
        for (Member member : config.members()) {
            if (!member.id().equals(config.name())) peers.put(member.id(), HostPort.parse(member.address()));
        }
        return new NetworkSettings(config.name(), config.listen(), peers, config.frameBytesMax(),
                config.inFlightPerConnectionMax(), config.ringSize(), IO_THREADS);
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
            boolean drained = pipeline.drainAndStop(DRAIN_TIMEOUT);
            server.close();
            if (drained) {
                storage.close();
                log.info("node {} stopped cleanly", config.name());
            } else {
                // The handler may still touch the map: leave it open. No marker, so the next start recovers.
                log.error("node {} stopped without closing its storage (handler still busy); the next start will recover it", config.name());
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
     * its storage, its outbox and what counts its replica's repairs.
     */
    @FunctionalInterface
    interface StateMachineFactory {
        StateMachine create(NodeConfig config, long actorEpoch, Storage storage, Outbox outbox, ReplicaObserver observer);
    }
}
