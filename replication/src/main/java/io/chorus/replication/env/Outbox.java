package io.chorus.replication.env;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

/**
 * Where the core's output goes. Fire and forget: a sent message may be lost, delayed, reordered or
 * duplicated, and the core must be correct under all of these. Implementations must not call back
 * into the replica from inside these methods (production buffers and flushes at the end of a
 * Disruptor batch; the simulator enqueues events).
 */
public interface Outbox {
    void send(NodeId to, PeerMessage message);

    void reply(ClientRef client, long requestId, ClientResponse response);
}
