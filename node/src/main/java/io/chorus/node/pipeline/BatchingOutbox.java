package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The production {@link Outbox}: collects the handler's output during a Disruptor batch and hands
 * each destination its messages in one go at the end of the batch ({@link #flush()}), so that a
 * busy node pays one cross-thread handoff and one socket flush per connection per batch, not per
 * message. Messages are immutable records; the Netty thread of the connection encodes them.
 * Owned by the handler thread.
 */
public final class BatchingOutbox implements Outbox {
    private static final Logger log = LoggerFactory.getLogger(BatchingOutbox.class);

    private final NodeId self;
    private final Destinations destinations;
    private final ReplyObserver observer;
    private final Map<Destination, List<Message>> pending = new IdentityHashMap<>();
    private final List<Destination> order = new ArrayList<>();
    private long replies;
    private final LongAdder droppedMessages = new LongAdder(); // read by metrics from other threads

    public BatchingOutbox(NodeId self, Destinations destinations, ReplyObserver observer) {
        this.self = self;
        this.destinations = destinations;
        this.observer = observer;
    }

    @Override
    public void send(NodeId to, PeerMessage message) {
        if (to.equals(self)) {
            // The replica handles its own share locally; a message to itself would be a core bug.
            droppedMessages.increment();
            log.warn("{}: dropped a {} addressed to itself", self, message.getClass().getSimpleName());
            return;
        }
        add(destinations.peer(to), message);
    }

    @Override
    public void reply(ClientRef client, long requestId, ClientResponse response) {
        replies++;
        observer.onReply(client, requestId, response);
        add(destinations.client(client), new ClientReply(requestId, response));
    }

    private void add(Destination destination, Message message) {
        if (destination == null) {
            droppedMessages.increment(); // the connection is gone or not up yet: fire and forget
            return;
        }
        List<Message> batch = pending.get(destination);
        if (batch == null) {
            batch = new ArrayList<>(4);
            pending.put(destination, batch);
            order.add(destination);
        }
        batch.add(message);
        destination.queued(message);
    }

    /**
     * Why a request from {@code client} must not run now, or null: its connection is gone (nobody
     * would read the reply) or it has too many reply bytes waiting ({@link Destination#refusal()}).
     */
    public String refusal(ClientRef client) {
        Destination destination = destinations.client(client);
        return destination == null ? "the client's connection is closed" : destination.refusal();
    }

    /** Hands every pending batch to its connection, in the order the destinations were first used. */
    public void flush() {
        for (Destination destination : order) {
            List<Message> batch = pending.get(destination);
            try {
                destination.deliver(batch);
            } catch (RuntimeException e) {
                droppedMessages.add(batch.size());
                log.error("{}: could not hand {} messages to {}", self, batch.size(), destination, e);
            }
        }
        pending.clear();
        order.clear();
    }

    /** Replies given so far (the handler uses it to check that a request was answered). */
    public long replies() {
        return replies;
    }

    /** Messages dropped because their connection was gone (any thread). */
    public long droppedMessages() {
        return droppedMessages.sum();
    }
}
