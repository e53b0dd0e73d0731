package io.chorus.client;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.Consistency;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A session of calls (from {@link ChorusClient#session()}): each carries the session token and
 * merges the token of its result into it, so that a read sees every write acknowledged earlier in
 * the session and never anything older than an earlier read of the session showed, for every key
 * the session touched, at any consistency level and through any node. A read that the cluster
 * cannot serve that fresh fails with {@code SessionUnsatisfied} (retry later, or, after a node the
 * session depended on restarted uncleanly, start a new session); it never returns stale data.
 *
 * <p>{@link #export()} gives the token as a compact string ({@code cs2.}...; its size is bounded by
 * the cluster's shape, not by the keys touched: under 100 bytes for 3 nodes, see SessionToken) that
 * {@link ChorusClient#session(String)} resumes in another process. Thread-safe: concurrent calls
 * merge their tokens. Calls that fail leave the token as it was.
 */
public final class Session extends CrdtHandles {
    private static final byte[] NEW_SESSION = new byte[0];

    private final ChorusClient client;
    private final CrdtAccess crdt;
    private SessionToken token; // null until the first answer (the node knows the cluster's partition count)

    Session(ChorusClient client, SessionToken token) {
        this.client = Objects.requireNonNull(client, "client");
        this.crdt = new CrdtAccess(client, this);
        this.token = token;
    }

    public ReadResult get(String key, Consistency consistency) {
        return client.calls().await(getAsync(key, consistency));
    }

    public CompletionStage<ReadResult> getAsync(String key, Consistency consistency) {
        Key wireKey = Key.of(ChorusClient.utf8(key));
        return client.sessionCall(wireKey, new Get(wireKey, Requests.level(consistency), tokenBytes()), false, 0)
                .thenApply(answered -> client.replies().readResult(absorb(answered)));
    }

    public WriteAck put(String key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        return client.calls().await(putAsync(key, value, context, consistency, options));
    }

    public CompletionStage<WriteAck> putAsync(String key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(context, "context (use Context.NONE for none)");
        Key wireKey = Key.of(ChorusClient.utf8(key));
        Put put = Requests.put(wireKey, value, context, consistency, options, client.operationIds(), tokenBytes());
        return client.sessionCall(wireKey, put, true, value.length + context.bytes().length)
                .thenApply(answered -> client.replies().writeAck(absorb(answered)));
    }

    public WriteAck delete(String key, Context context, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(context, "context");
        options.refuseTtl("a delete");
        Key wireKey = Key.of(ChorusClient.utf8(key));
        Delete delete = Requests.delete(wireKey, context, consistency, options, client.operationIds(), tokenBytes());
        return client.calls().await(client.sessionCall(wireKey, delete, true, context.bytes().length)
                .thenApply(answered -> client.replies().writeAck(absorb(answered))));
    }

    // ---- CRDT values, within the session: the handles' updates and reads carry and update its token (CrdtHandles)

    @Override
    CrdtAccess crdtAccess() {
        return crdt;
    }

    /** The token as a string for another process ({@link ChorusClient#session(String)}); null before the first answer. */
    public synchronized String export() {
        return token == null ? null : token.export();
    }

    /** The token's size in bytes (0 before the first answer). */
    public synchronized int tokenBytesLength() {
        return token == null ? 0 : token.encode().length;
    }

    synchronized byte[] tokenBytes() {
        return token == null ? NEW_SESSION : token.encode();
    }

    /** Merges the token an answer carries into the session's. */
    Answered absorb(Answered answered) {
        ClientResponse response = answered.response();
        byte[] updated = response instanceof GetResult r ? r.session() : response instanceof WriteResult w ? w.session()
                : response instanceof CrdtValue v ? v.session() : null;
        if (updated != null) {
            SessionToken answer = SessionToken.decode(updated);
            synchronized (this) {
                token = token == null ? answer : token.merge(answer);
            }
        }
        return answered;
    }

}
