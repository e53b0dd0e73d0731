package io.chorus.client;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.Get;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a Chorus cluster: get, put and delete, each at a consistency level chosen per
 * call, in a blocking and an asynchronous form.
 *
 * <p><b>Connecting.</b> {@link #connect} (or {@link #builder()}) asks the seeds, in order, to
 * describe the cluster, and builds the same ring as the nodes. If no seed describes it but one
 * answers, requests go to any seed; if no seed can be reached, connecting fails with
 * {@code Unavailable}. Membership is then static for the client's life.
 *
 * <p><b>Routing and failover.</b> Each request goes to the first node of the key's preference list
 * whose circuit breaker is closed, then to the key's other replicas, then to any other node. It
 * moves on at once when a node cannot be reached (nothing sent) or refuses with a failure that
 * applied nothing ({@code Unavailable}, {@code Overloaded}, {@code SessionUnsatisfied}): a node cut
 * off from its peers then costs one round trip, not the call. After {@code Timeout}, a closed
 * connection or no answer within the attempt timeout (default half the request timeout), a read
 * moves on, a CRDT update moves on as a retry of the same operation, and a plain put or delete fails
 * with {@code Timeout} (it may have been applied; it carries no operation id). When every node was
 * tried, {@code Overloaded} and {@code Timeout} start another round after a backoff with full jitter
 * ({@link ClientBuilder#retryBackoff}); sends per call are bounded ({@link ClientBuilder#attemptsMax}, default 5),
 * retries per client too ({@link ClientBuilder#retryBudget}, default 10% of requests), and everything
 * happens within the call's one deadline. A node that fails repeatedly has its circuit breaker
 * opened ({@link ClientBuilder#circuitBreaker}): requests go to other nodes first until a probe succeeds;
 * {@link #nodes()} shows each node's breaker, failures and latency. A read may be spread over the
 * key's replicas and is hedged ({@link ReadOptions}). A read may instead name the node that
 * coordinates it ({@code get(key, consistency, via)}), and {@link #replicas} tells which nodes hold
 * a key.
 *
 * <p><b>Outcomes.</b> Every request completes within its request timeout (default 5 s, or the
 * call's own in {@link ReadOptions} / {@link WriteOptions}): with a
 * result, or with a {@link ChorusException} whose {@link ChorusException#kind() kind} says what
 * happened. Blocking methods throw it; asynchronous ones complete their stage exceptionally with it.
 * Asynchronous stages complete on the client's I/O thread: callbacks must not block (a blocking
 * call of this client from such a callback throws {@link IllegalStateException}); chain the
 * {@code *Async} methods instead, or move work elsewhere with the {@code ...Async(fn, executor)}
 * forms of {@link CompletionStage}.
 *
 * <p><b>Durable writes.</b> A write is acknowledged once its replicas have it in their page cache.
 * Pass {@link WriteOptions#DURABLE} to {@code put} or {@code delete}, or to a CRDT handle's
 * {@code with}, to have it acknowledged only once as many replicas as the level needs have it on
 * disk (fsynced); {@link WriteAck#durable()} says whether it was.
 *
 * <p><b>Keys and values.</b> String keys are sent as their UTF-8 bytes. The node checks keys,
 * values, contexts and levels and answers {@code InvalidRequest} naming the limit; the client only
 * refuses, without sending, a request too large for one frame ({@code frameBytesMax}).
 *
 * <p><b>CRDT values.</b> A key may hold a counter, set, register, flag or map instead of plain
 * values: {@link #counter}, {@link #set}, {@link #register}, {@link #lwwRegister}, {@link #flag}
 * and {@link #map} return a handle for one key; how their updates are identified, retried and
 * counted once is told at {@link CrdtHandles}.
 *
 * <p><b>Resources.</b> One small Netty event loop group (daemon threads) and one multiplexed
 * connection per node. {@link #close()} fails what is still pending and releases all of it.
 * Thread-safe: share one client across threads.
 */
public final class ChorusClient extends CrdtHandles implements AutoCloseable {
    private final EventLoopGroup group;
    private final ClusterView cluster;
    private final CallPolicy policy;
    private final Replies replies;
    private final long requestTimeoutMillis;
    private final Calls calls;
    private final OperationIds operationIds = OperationIds.fromSystemClock();
    /** What the CRDT handles made here go through: the client, in no session. */
    private final CrdtAccess crdt = new CrdtAccess(this, null);

    ChorusClient(EventLoopGroup group, ClusterView cluster, ClientSettings settings, CallPolicy policy) {
        this.group = group;
        this.cluster = cluster;
        this.policy = policy;
        this.replies = new Replies(cluster);
        this.requestTimeoutMillis = settings.requestTimeoutMillis();
        this.calls = new Calls(group, cluster, policy, requestTimeoutMillis, settings.frameBytesMax());
    }

    /**
     * Connects with the default settings (see {@link ClientBuilder}).
     *
     * @throws ChorusException {@code Unavailable} when no seed can be reached
     */
    public static ChorusClient connect(List<InetSocketAddress> seeds) {
        return builder().seeds(seeds).build();
    }

    public static ClientBuilder builder() {
        return new ClientBuilder();
    }

    // ---- reads

    /** Reads {@code key} (its UTF-8 bytes), waiting for as many replicas as {@code consistency} needs. */
    public ReadResult get(String key, Consistency consistency) {
        return calls.await(getAsync(key, consistency));
    }

    /** Reads {@code key}, waiting for as many replicas as {@code consistency} needs. */
    public ReadResult get(byte[] key, Consistency consistency) {
        return calls.await(getAsync(key, consistency));
    }

    public CompletionStage<ReadResult> getAsync(String key, Consistency consistency) {
        return getAsync(utf8(key), consistency);
    }

    public CompletionStage<ReadResult> getAsync(byte[] key, Consistency consistency) {
        return getAsync(key, consistency, ReadOptions.DEFAULT);
    }

    /** Reads {@code key} (its UTF-8 bytes) as {@code options} says: its own timeouts, spread over the replicas, hedged. */
    public ReadResult get(String key, Consistency consistency, ReadOptions options) {
        return calls.await(getAsync(utf8(key), consistency, options), CallOptions.timeoutMillis(options, requestTimeoutMillis));
    }

    /** Reads {@code key} as {@code options} says: its own timeouts, spread over the replicas, hedged. */
    public ReadResult get(byte[] key, Consistency consistency, ReadOptions options) {
        return calls.await(getAsync(key, consistency, options), CallOptions.timeoutMillis(options, requestTimeoutMillis));
    }

    public CompletionStage<ReadResult> getAsync(byte[] key, Consistency consistency, ReadOptions options) {
        Key wireKey = Key.of(key);
        Objects.requireNonNull(options, "options (use ReadOptions.DEFAULT for none)");
        return calls.start(wireKey, Requests.get(wireKey, consistency, options), false, 0,
                options.localReplica() != null ? cluster.only(options.localReplica()) : null,
                CallOptions.of(options, requestTimeoutMillis)).thenApply(replies::readResult);
    }

    /**
     * Reads {@code key} (its UTF-8 bytes) through the node at {@code via} only: that node
     * coordinates the read (see {@link #getAsync(byte[], Consistency, InetSocketAddress)}).
     */
    public ReadResult get(String key, Consistency consistency, InetSocketAddress via) {
        return calls.await(getAsync(utf8(key), consistency, via));
    }

    /** Reads {@code key} through the node at {@code via} only (see {@link #getAsync(byte[], Consistency, InetSocketAddress)}). */
    public ReadResult get(byte[] key, Consistency consistency, InetSocketAddress via) {
        return calls.await(getAsync(key, consistency, via));
    }

    /**
     * Reads {@code key} through the node at {@code via} only, instead of routing it to the first
     * reachable replica: that node coordinates the read. A replica coordinating a read at
     * {@code ONE} answers from its own copy, so this shows what one replica holds (with
     * {@link #replicas} to find them), for example how far it lags behind a write acknowledged
     * by another. No other node is tried: when {@code via} cannot be reached the read fails with
     * {@code Unavailable}.
     *
     * @param via the client address of a node of the cluster (a seed, when the client does not know the ring)
     * @throws IllegalArgumentException when {@code via} is not such a node
     */
    public CompletionStage<ReadResult> getAsync(byte[] key, Consistency consistency, InetSocketAddress via) {
        Objects.requireNonNull(via, "via");
        Key wireKey = Key.of(key);
        return calls.start(wireKey, new Get(wireKey, Requests.level(consistency)), false, 0, cluster.only(via), CallOptions.of(ReadOptions.DEFAULT, requestTimeoutMillis))
                .thenApply(replies::readResult);
    }

    // ---- writes

    /** Writes {@code value} with no context: it becomes a sibling of whatever {@code key} holds. */
    public WriteAck put(String key, byte[] value, Consistency consistency) {
        return calls.await(putAsync(key, value, Context.NONE, consistency));
    }

    /** Writes {@code value} with no context: it becomes a sibling of whatever {@code key} holds. */
    public WriteAck put(byte[] key, byte[] value, Consistency consistency) {
        return calls.await(putAsync(key, value, Context.NONE, consistency));
    }

    /** Writes {@code value}, superseding exactly the versions {@code context} has seen. */
    public WriteAck put(String key, byte[] value, Context context, Consistency consistency) {
        return calls.await(putAsync(key, value, context, consistency));
    }

    /** Writes {@code value}, superseding exactly the versions {@code context} has seen. */
    public WriteAck put(byte[] key, byte[] value, Context context, Consistency consistency) {
        return calls.await(putAsync(key, value, context, consistency));
    }

    public CompletionStage<WriteAck> putAsync(String key, byte[] value, Consistency consistency) {
        return putAsync(utf8(key), value, Context.NONE, consistency);
    }

    public CompletionStage<WriteAck> putAsync(byte[] key, byte[] value, Consistency consistency) {
        return putAsync(key, value, Context.NONE, consistency);
    }

    public CompletionStage<WriteAck> putAsync(String key, byte[] value, Context context, Consistency consistency) {
        return putAsync(utf8(key), value, context, consistency);
    }

    public CompletionStage<WriteAck> putAsync(byte[] key, byte[] value, Context context, Consistency consistency) {
        return putAsync(key, value, context, consistency, WriteOptions.DEFAULT);
    }

    /** Writes {@code value} over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck put(String key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        return calls.await(putAsync(utf8(key), value, context, consistency, options), CallOptions.timeoutMillis(options, requestTimeoutMillis));
    }

    /** Writes {@code value} over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck put(byte[] key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        return calls.await(putAsync(key, value, context, consistency, options), CallOptions.timeoutMillis(options, requestTimeoutMillis));
    }

    public CompletionStage<WriteAck> putAsync(String key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        return putAsync(utf8(key), value, context, consistency, options);
    }

    public CompletionStage<WriteAck> putAsync(byte[] key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(context, "context (use Context.NONE for none)");
        Key wireKey = Key.of(key);
        Put put = Requests.put(wireKey, value, context, consistency, options, operationIds, null);
        return calls.start(wireKey, put, true, value.length + context.bytes().length, null, CallOptions.of(options, requestTimeoutMillis)).thenApply(replies::writeAck);
    }

    /** Writes a tombstone over the versions {@code context} has seen (pass the context of a read). */
    public WriteAck delete(String key, Context context, Consistency consistency) {
        return calls.await(deleteAsync(key, context, consistency));
    }

    /** Writes a tombstone over the versions {@code context} has seen (pass the context of a read). */
    public WriteAck delete(byte[] key, Context context, Consistency consistency) {
        return calls.await(deleteAsync(key, context, consistency));
    }

    public CompletionStage<WriteAck> deleteAsync(String key, Context context, Consistency consistency) {
        return deleteAsync(utf8(key), context, consistency);
    }

    public CompletionStage<WriteAck> deleteAsync(byte[] key, Context context, Consistency consistency) {
        return deleteAsync(key, context, consistency, WriteOptions.DEFAULT);
    }

    /** Writes a tombstone over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck delete(String key, Context context, Consistency consistency, WriteOptions options) {
        return calls.await(deleteAsync(utf8(key), context, consistency, options), CallOptions.timeoutMillis(options, requestTimeoutMillis));
    }

    /** Writes a tombstone over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck delete(byte[] key, Context context, Consistency consistency, WriteOptions options) {
        return calls.await(deleteAsync(key, context, consistency, options), CallOptions.timeoutMillis(options, requestTimeoutMillis));
    }

    public CompletionStage<WriteAck> deleteAsync(String key, Context context, Consistency consistency, WriteOptions options) {
        return deleteAsync(utf8(key), context, consistency, options);
    }

    public CompletionStage<WriteAck> deleteAsync(byte[] key, Context context, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(context, "context (use Context.NONE for none)");
        Objects.requireNonNull(options, "options (use WriteOptions.DEFAULT for none)").refuseTtl("a delete");
        Key wireKey = Key.of(key);
        return calls.start(wireKey, Requests.delete(wireKey, context, consistency, options, operationIds, null), true, context.bytes().length,
                null, CallOptions.of(options, requestTimeoutMillis)).thenApply(replies::writeAck);
    }

    // ---- CRDT values: the handles come from CrdtHandles

    @Override
    CrdtAccess crdtAccess() {
        return crdt;
    }

    /**
     * Attempts of CRDT updates (writes with an operation id) sent after their first, since the
     * client was built: how often replies were lost, nodes overloaded or retries unsettled. For
     * monitoring; each is the same operation again, never counted twice by the replicas.
     */
    public long crdtRetriesSent() {
        return policy.counters().idempotentRetries().sum();
    }

    /** Sends of any request after its first (failovers and retries), since the client was built; skips past unreachable nodes excluded. */
    public long retriesSent() {
        return policy.counters().retries().sum();
    }

    /** Second reads sent because the first replica was slower than its recent p99, since the client was built. */
    public long hedgesSent() {
        return policy.counters().hedges().sum();
    }

    /** Retries and hedges not sent because the retry budget was spent, since the client was built. */
    public long retriesRefusedByBudget() {
        return policy.counters().budgetRefusals().sum();
    }

    /**
     * Every node as the client sees it now: its circuit breaker, failures and recent latency, in
     * name order (seed order when the ring is unknown). A snapshot; call again for fresh numbers.
     */
    public List<NodeState> nodes() {
        return cluster.states();
    }

    /** True when the client learned the ring and routes each key to its replicas. */
    public boolean knowsRing() {
        return cluster.knowsRing();
    }

    /**
     * The client addresses of {@code key}'s replicas (its UTF-8 bytes), in preference-list order:
     * requests for the key go to the first reachable of them. Empty when the client does not know
     * the ring ({@link #knowsRing()}).
     */
    public List<InetSocketAddress> replicas(String key) {
        return cluster.replicaAddresses(utf8(key));
    }

    /** The client addresses of {@code key}'s replicas, in preference-list order; empty when the ring is unknown. */
    public List<InetSocketAddress> replicas(byte[] key) {
        return cluster.replicaAddresses(Objects.requireNonNull(key, "key"));
    }

    /**
     * Fails every pending request ({@code Timeout}: a write may have been applied), closes every
     * connection and stops the event loop. Idempotent; later calls throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!calls.close()) return;
        cluster.closeConnections();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * A session: its calls carry a session token and update it, so that each read sees every write
     * and every read made earlier in the session (read-your-writes, monotonic reads), at any level,
     * through any node, or fails with SessionUnsatisfied. See {@link Session}.
     */
    public Session session() {
        return new Session(this, null);
    }

    /** Resumes a session exported by {@link Session#export()} (in this process or another). */
    public Session session(String exported) {
        return new Session(this, io.chorus.replication.message.SessionToken.parse(exported));
    }

    // ---- internals

    /** A session's call: as any other, with the session's own request (its token in it). */
    CompletableFuture<Answered> sessionCall(Key key, ClientRequest request, boolean changesData, int payloadBytes) {
        return calls.start(key, request, changesData, payloadBytes, null, CallOptions.of(WriteOptions.DEFAULT, requestTimeoutMillis));
    }

    /** Where the client's calls start and are waited for. */
    Calls calls() {
        return calls;
    }

    /** How answers become results here; a session's too, once it took its token out. */
    Replies replies() {
        return replies;
    }

    /** Where the client's writes take their operation ids; a session's too. */
    OperationIds operationIds() {
        return operationIds;
    }

    static byte[] utf8(String key) {
        return Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] keyCopy(byte[] key) {
        return Objects.requireNonNull(key, "key").clone();
    }
}
