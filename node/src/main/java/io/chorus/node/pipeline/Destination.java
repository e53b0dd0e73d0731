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

    /**
     * A message for this destination was put in the outbox (handler thread), to be delivered at the
     * end of the batch: a client connection charges its {@link ReplyBytes} from now until written.
     */
    default void queued(Message message) {
    }

    /**
     * Why a new request from this client connection must not run now (null: it may), asked on the
     * handler thread before each one: a client that leaves its replies unread gets Overloaded instead
     * of more replies built, so the bytes waiting for it stay bounded whatever it has pipelined.
     */
    default String refusal() {
        return null;
    }
}
