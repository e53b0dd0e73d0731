package io.chorus.node.metrics;

import io.chorus.node.net.Connections;
import io.chorus.node.net.NetworkCounters;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.Inbound;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.security.GreetingCounters;
import io.chorus.node.storage.ChronicleStorage;
import io.chorus.replication.ring.NodeId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The meters that read the node's parts when scraped (pipeline ring, connections and admission,
 * storage, peer queues, greeting refusals): views of counters those parts keep, registered once the
 * parts exist. {@link NodeMetrics} records what the handler measures per request.
 */
public final class NodeGauges {
    private final MeterRegistry registry;

    public NodeGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Gauges over the node's parts; call once they exist. */
    public void bind(Inbound inbound, ChronicleStorage storage, Connections connections, NodeHandler handler, BatchingOutbox outbox) {
        Gauge.builder("chorus.pipeline.ring.occupancy", inbound, Inbound::occupancy).description("events waiting for the handler thread").register(registry);
        Gauge.builder("chorus.pipeline.ring.capacity", inbound, Inbound::capacity).description("pipeline.ringSize").register(registry);
        counter("chorus.pipeline.dropped", "what", "tick", inbound::droppedTicks, "ticks dropped because the ring was full");
        counter("chorus.pipeline.dropped", "what", "peer_message", inbound::droppedPeerMessages, "peer messages dropped because the ring was full");
        counter("chorus.outbox.dropped", null, null, outbox::droppedMessages, "outgoing messages dropped: no open connection");
        counter("chorus.handler.failures", null, null, handler::failures, "state machine exceptions (bugs), each logged");
        NetworkCounters refused = connections.counters();
        refusedCounter("queue_full", refused.refusedQueueFull);
        refusedCounter("in_flight_limit", refused.refusedInFlightLimit);
        refusedCounter("shutting_down", refused.refusedShuttingDown);
        refusedCounter("bad_frame", refused.refusedBadFrames);
        refusedCounter("request_bytes", refused.refusedRequestBytes);
        refusedCounter("connection_limit", refused.refusedConnections);
        refusedCounter("timeout", refused.timedOutConnections);
        refusedCounter("slow_reader", refused.closedSlowReaders);
        FunctionCounter.builder("chorus.requests.refused", handler, NodeHandler::refusedUnread).tag("reason", "unread_replies")
                .description("requests (or connections) the network layer refused before the handler saw them").register(registry);
        Gauge.builder("chorus.admission.request.bytes", connections, c -> c.admission().budget().usedBytes()).baseUnit("bytes")
                .description("bytes of client requests being received, queued or in flight, and of replies not yet sent").register(registry);
        Gauge.builder("chorus.connections.open", connections, c -> c.admission().openConnections()).register(registry);
        Gauge.builder("chorus.storage.entries", storage, s -> s.isOpen() ? s.size() : Double.NaN).description("keys stored on this node").register(registry);
        Gauge.builder("chorus.storage.file.bytes", storage, s -> s.isOpen() ? s.fileBytes() : Double.NaN).baseUnit("bytes").register(registry);
        Gauge.builder("chorus.storage.used.bytes", storage, s -> s.isOpen() ? s.usedBytes() : Double.NaN).baseUnit("bytes").register(registry);
        Gauge.builder("chorus.connections.clients", connections, Connections::clientCount).register(registry);
        Gauge.builder("chorus.peers.connected", connections, Connections::connectedPeerCount).register(registry);
        for (NodeId peer : connections.peers()) { // the connections object, not a lambda, is what Micrometer holds (weakly)
            Gauge.builder("chorus.peer.queue.bytes", connections, c -> c.peerQueueBytes(peer)).tag("peer", peer.name()).baseUnit("bytes")
                    .description("bytes queued on the link to the peer (limits.peerQueueBytesMax)").register(registry);
            FunctionCounter.builder("chorus.peer.messages.dropped", connections, c -> c.peerMessagesDropped(peer)).tag("peer", peer.name())
                    .description("messages to the peer dropped: no connection, or its queue at limits.peerQueueBytesMax").register(registry);
        }
    }

    /** Connections the greeting refused, by reason, and requests refused for a missing permission. */
    public void bindGreetings(GreetingCounters greetings) {
        greetingCounter("wrong_version", greetings.wrongVersion);
        greetingCounter("wrong_cluster", greetings.wrongCluster);
        greetingCounter("peer_unproven", greetings.peerUnproven);
        greetingCounter("authentication_failed", greetings.authenticationFailed);
        greetingCounter("tls_failed", greetings.tlsFailed);
        greetingCounter("bad_greeting", greetings.badGreeting);
        greetingCounter("refused_by_other", greetings.refusedByOther);
        refusedCounter("unauthorized", greetings.requestsUnauthorized);
    }

    private void greetingCounter(String reason, LongAdder adder) {
        FunctionCounter.builder("chorus.greetings.refused", adder, LongAdder::sum).tag("reason", reason)
                .description("connections refused during the greeting (TLS, version, cluster, peer proof, login)").register(registry);
    }

    private void counter(String name, String tagKey, String tagValue, LongSupplier value, String description) {
        FunctionCounter.Builder<LongSupplier> builder = FunctionCounter.builder(name, value, LongSupplier::getAsLong).description(description);
        if (tagKey != null) builder.tag(tagKey, tagValue);
        builder.register(registry);
    }

    private void refusedCounter(String reason, LongAdder adder) {
        FunctionCounter.builder("chorus.requests.refused", adder, LongAdder::sum).tag("reason", reason)
                .description("requests (or connections) the network layer refused before the handler saw them").register(registry);
    }

}
