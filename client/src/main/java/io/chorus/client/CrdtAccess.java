package io.chorus.client;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a CRDT handle ({@link CounterRef}, {@link SetRef}, ...) reaches the cluster: through the
 * client alone, or within a {@link Session}, whose token each update and read then carries and
 * updates (read-your-writes and monotonic reads for CRDT values as for plain ones). Builds the
 * {@code CrdtUpdate} (under a new operation id) or {@code CrdtGet}, starts it as one of the
 * client's {@link Calls}, and turns the answer into a {@link WriteAck} or the typed value.
 *
 * @param session null outside a session
 */
record CrdtAccess(ChorusClient client, Session session) {
    CrdtAccess {
        Objects.requireNonNull(client, "client");
    }

    /**
     * Sends {@code operation} on {@code key} under a new operation id: attempt 1, then (as the
     * retry policy and budget allow) the same operation again, with an attempt number above 1 once
     * an earlier attempt may have been applied (see {@link RequestCall}).
     */
    CompletableFuture<WriteAck> updateAsync(byte[] key, CrdtOp operation, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(operation, "operation");
        byte level = Requests.level(consistency);
        boolean durable = Requests.durable(options);
        options.refuseTtl("a CRDT update");
        if (Requests.quorum(options) != null) {
            throw new IllegalArgumentException("CRDT updates take no primaries or sloppy quorum (put and delete do): " + options);
        }
        Key wireKey = Key.of(key);
        int payloadBytes = (int) Math.min(OperationSizes.bytesMax(operation), Integer.MAX_VALUE / 2);
        CrdtUpdate update = new CrdtUpdate(wireKey, operation, client.operationIds().next(), 1, level, durable, session == null ? null : session.tokenBytes());
        Calls calls = client.calls();
        return calls.start(wireKey, update, true, payloadBytes, null, CallOptions.of(options, calls.requestTimeoutMillis())).thenApply(answered -> {
            if (session != null) session.absorb(answered);
            return client.replies().crdtUpdateAck(answered);
        });
    }

    /** Reads the value of {@code type} at {@code key}; its type's empty value when nothing was written. */
    <V extends Crdt<V>> CompletableFuture<V> readAsync(byte[] key, Class<V> type, Consistency consistency) {
        Key wireKey = Key.of(key);
        CrdtGet get = new CrdtGet(wireKey, CrdtType.of(type), Requests.level(consistency), session == null ? null : session.tokenBytes());
        Calls calls = client.calls();
        return calls.start(wireKey, get, false, 0, null, CallOptions.of(ReadOptions.DEFAULT, calls.requestTimeoutMillis())).thenApply(answered -> {
            if (session != null) session.absorb(answered);
            return CrdtReplies.value(answered.response(), type);
        });
    }

    /** Waits for a read: it has one request timeout. */
    <T> T awaitRead(CompletionStage<T> stage) {
        return client.calls().await(stage);
    }

    /** Waits for {@code operations} updates sent one after another, each within its deadline. */
    <T> T awaitUpdates(CompletionStage<T> stage, int operations) {
        return client.calls().awaitUpdates(stage, operations);
    }
}
