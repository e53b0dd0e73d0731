package io.chorus.replication.env;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

/**
 * Where the core's output goes. Fire and forget: a sent message may be lost, delayed, reordered or
 * duplicated, and the core must be correct under all of these, with one bound: a duplicate arrives
 * within 16 request timeouts of the original (a replica remembers the mints it refused that long; a
 * later duplicate of a refused write could be applied). TCP never duplicates, so in production only
 * the simulator's fault model exercises this. Implementations must not call back
 * into the replica from inside these methods (production buffers and flushes at the end of a
 * Disruptor batch; the simulator enqueues events).
 */
public interface Outbox {
    void send(NodeId to, PeerMessage message);

    void reply(ClientRef client, long requestId, ClientResponse response);
}
