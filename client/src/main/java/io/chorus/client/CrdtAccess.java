package io.chorus.client;

import io.chorus.crdt.type.Crdt;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.state.Consistency;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a CRDT handle ({@link CounterRef}, {@link SetRef}, ...) reaches the cluster: through the
 * client alone, or within a {@link Session}, whose token each update and read then carries and
 * updates (read-your-writes and monotonic reads for CRDT values as for plain ones).
 *
 * @param session null outside a session
 */
record CrdtAccess(ChorusClient client, Session session) {
    CrdtAccess {
        Objects.requireNonNull(client, "client");
    }

    CompletableFuture<WriteAck> updateAsync(byte[] key, CrdtOp operation, Consistency consistency, WriteOptions options) {
        return client.updateAsync(key, operation, consistency, options, session);
    }

    <V extends Crdt<V>> CompletableFuture<V> readAsync(byte[] key, Class<V> type, Consistency consistency) {
        return client.readAsync(key, type, consistency, session);
    }

    <T> T awaitRead(CompletionStage<T> stage) {
        return client.awaitRead(stage);
    }

    <T> T awaitUpdates(CompletionStage<T> stage, int operations) {
        return client.awaitUpdates(stage, operations);
    }
}
