package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;

/** Watches the handler thread's work (metrics). Called on the handler thread; must be quick. */
public interface PipelineObserver {
    PipelineObserver NONE = new PipelineObserver() { };

    /** A batch of {@code batchSize} events starts; {@code queueDepth} were waiting in the ring. */
    default void onBatchStart(long batchSize, long queueDepth) {
    }

    /** A client request reaches the replica; it was published at {@code publishedNanos} (System.nanoTime). */
    default void onClientRequest(ClientRef client, long requestId, ClientRequest request, long publishedNanos) {
    }
}
