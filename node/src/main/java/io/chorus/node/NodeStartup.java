package io.chorus.node;

import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.metrics.NodeGauges;
import io.chorus.node.metrics.NodeMetrics;
import io.chorus.node.metrics.RequestTracker;
import io.chorus.node.net.Connections;
import io.chorus.node.net.NetworkSettings;
import io.chorus.node.net.NodeServer;
import io.chorus.node.net.Transport;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.DurableWrites;
import io.chorus.node.pipeline.Inbound;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.pipeline.StateMachine;
import io.chorus.node.pipeline.TickScheduler;
import io.chorus.node.security.NodeSecurity;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.node.storage.DataDirectory;
import io.chorus.node.storage.StorageSizing;
import io.chorus.node.storage.WalWriter;
import io.chorus.node.testing.TestHooks;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.topology.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a node's parts are made and wired at start, in order, and how a start that fails half way
 * is undone. In order: the data directory (its lock and the actor epoch), the Chronicle Map
 * storage, durability (write-ahead log replay and writer, {@link Durability}), the state machine
 * and its handler on the Disruptor pipeline, security, the Netty server, the gauges and the
 * metrics endpoint, then the tick scheduler. A failure stops what had started (the storage is
 * closed only once nothing can still write to it) and is rethrown; its line is logged under
 * {@link ChorusNode}'s logger, as it always was.
 */
final class NodeStartup {
    /** Netty threads per node: two keep accept, peers and clients moving without starving the handler. */
    private static final int IO_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final Logger log = LoggerFactory.getLogger(ChorusNode.class);

    private NodeStartup() {
    }

    /** Starts a node running the state machine {@code factory} makes; on a failure, stops what had started and rethrows. */
    static ChorusNode start(NodeConfig config, ChorusNode.StateMachineFactory factory) {
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
            NodeShutdown shutdown = new NodeShutdown(config.name(), metricsServer, server, ticks, pipeline, durable, writer, storage, metrics);
            ChorusNode node = new ChorusNode(config, storage, server, connections, handler, metrics, metricsServer, shutdown);
            StartupLog.started(config, server, storage.size(), config.name().actor(directory.actorEpoch()), metricsServer);
            return node;
        } catch (RuntimeException e) {
            log.error("node {} failed to start: {}", config.name(), e.getMessage());
            if (metricsServer != null) metricsServer.close();
            if (server != null) server.close();
            boolean drained = pipeline == null || pipeline.drainAndStop(NodeShutdown.DRAIN_TIMEOUT);
            if (writer != null) drained &= writer.drainAndStop(NodeShutdown.DRAIN_TIMEOUT);
            if (storage != null && drained) storage.close();
            metrics.close();
            throw e;
        }
    }

    /** The network's view of the config: where to listen, every other member as a peer, and the connection bounds. */
    private static NetworkSettings networkSettings(NodeConfig config) {
        Map<NodeId, HostPort> peers = new LinkedHashMap<>();
        for (Member member : config.members()) {
            if (!member.id().equals(config.name())) peers.put(member.id(), HostPort.parse(member.address()));
        }
        return new NetworkSettings(config.name(), config.listen(), peers, config.frameBytesMax(),
                config.inFlightPerConnectionMax(), config.ringSize(), IO_THREADS, config.admission());
    }
}
