package io.chorus.node.pipeline;

import io.chorus.replication.message.Message;

import java.util.List;

/**
 * Where a batch of outgoing messages goes: a client connection or the link to a peer. Implemented
 * in the network layer; called from the handler thread once per batch and per destination, it
 * must only hand the messages over to the connection's own thread and return.
 */
public interface Destination {
    /** Fire and forget: messages may be dropped (closed connection, peer down, slow reader). */
    void deliver(List<Message> messages);
}
