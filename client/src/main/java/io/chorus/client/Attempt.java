package io.chorus.client;

import io.chorus.replication.message.ClientResponse;

import java.util.concurrent.CompletableFuture;

/**
 * One send of a {@link RequestCall} to one node: the node, when it was sent (the node's latency is
 * measured from it), its reply, and when it is given up as silent and when it is hedged
 * ({@link TimedCall#NEVER}: not). Confined to the call's event loop.
 */
final class Attempt {
    final NodeConnection node;
    final long startNanos;
    CompletableFuture<ClientResponse> reply;
    long silentAtNanos = TimedCall.NEVER;
    long hedgeAtNanos = TimedCall.NEVER;

    Attempt(NodeConnection node, long startNanos) {
        this.node = node;
        this.startNanos = startNanos;
    }
}
