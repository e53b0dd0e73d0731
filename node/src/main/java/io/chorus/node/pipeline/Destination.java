package io.chorus.node.pipeline;

import io.chorus.replication.message.Message;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * Where a batch of outgoing messages goes: a client connection or the link to a peer. Implemented
 * in the network layer. The outbox hands batches over per {@link #loop()}, not per destination:
 * every destination served by the same event loop gets its messages from one task, so a batch of
 * the handler costs one cross-thread wake-up per network thread however many connections it writes.
 */
public interface Destination {
    /** The thread that owns the connection; {@link #write} is only ever called on it. */
    Executor loop();

    /** On {@link #loop()}: writes and flushes. Fire and forget: messages may be dropped (closed connection, peer down, slow reader). */
    void write(List<Message> messages);
}
