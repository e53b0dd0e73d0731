package io.chorus.client;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A connection to a Chorus cluster: get, put and delete, each at a consistency level chosen per
 * call, in a blocking and an asynchronous form.
 *
 * <p><b>Connecting.</b> {@link #connect} (or {@link #builder()}) asks the seeds, in order, to
 * describe the cluster, and builds the same ring as the nodes. If no seed describes it but one
 * answers, requests go to any seed; if no seed can be reached, connecting fails with
 * {@code Unavailable}. Membership is then static for the client's life.
 *
 * <p><b>Routing.</b> Each request goes to the first reachable node of the key's preference list,
 * then to any other node. It moves on only when the previous node certainly did not get it (the
 * connection could not be opened) or when it is a read; a write whose connection closed after it
 * was sent fails with {@code Timeout} (it may have been applied) instead of being applied twice.
 * A read may instead name the node that coordinates it ({@code get(key, consistency, via)}), and
 * {@link #replicas} tells which nodes hold a key.
 *
 * <p><b>Outcomes.</b> Every request completes within its request timeout (default 5 s): with a
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
 * and {@link #map} return a handle for one key. Replicas merge such values, so they never have
 * siblings or contexts. Each update is tagged with an operation id ({@code (wall clock millis << 20)
 * | a 20-bit counter of this client}, see {@code OperationIds}) and retried automatically, under
 * the same id with attempt numbers 2, 3, ..., on {@code Timeout}, {@code Overloaded} or a lost
 * connection, and on {@code Unavailable} answering a retry (a replica that may have applied the
 * operation is down, so it cannot be settled yet); never on {@code InvalidRequest}. Attempts are
 * bounded ({@link Builder#crdtAttemptsMax}, default 5) with exponential backoff
 * ({@link Builder#crdtRetryBackoff}); each attempt has the full request timeout, so a blocking
 * update may take up to {@code attempts × requestTimeout + (attempts - 1) × backoffMax}. Replicas
 * apply an id at most once, so an update that succeeds counts once however many attempts it took;
 * one that fails with {@code Timeout} may have been applied (once). The replicas' memory of ids is
 * bounded: they recognise a retry while fewer than 256 operations with larger ids (later, by the
 * clients' clocks) reached the same key in between, so a very hot key or a client clock far
 * behind the others' weakens the promise. Plain {@code put} and {@code delete} are never retried:
 * they carry no operation id.
 *
 * <p><b>Resources.</b> One small Netty event loop group (daemon threads) and one multiplexed
 * connection per node. {@link #close()} fails what is still pending and releases all of it.
 * Thread-safe: share one client across threads.
 */
public final class ChorusClient implements AutoCloseable {
    /** Room in a frame for everything but the key, value and context (ids, level, lengths, tags). */
    private static final int FRAME_OVERHEAD_BYTES = 64;

    private final EventLoopGroup group;
    private final ClusterView cluster;
    private final long requestTimeoutMillis;
    private final int frameBytesMax;
    private final Set<RequestCall> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<IdempotentUpdate> updating = ConcurrentHashMap.newKeySet();
    private final OperationIds operationIds = OperationIds.fromSystemClock();
    private final LongAdder crdtRetriesSent = new LongAdder();
    /** Set once by the builder before the client is handed out, hence volatile rather than final. */
    private volatile RetryPolicy retryPolicy = RetryPolicy.DEFAULTS;
    private volatile boolean closed;

    ChorusClient(EventLoopGroup group, ClusterView cluster, long requestTimeoutMillis, int frameBytesMax) {
        this.group = group;
        this.cluster = cluster;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.frameBytesMax = frameBytesMax;
    }

    /**
     * Connects with the default settings (see {@link Builder}).
     *
     * @throws ChorusException {@code Unavailable} when no seed can be reached
     */
    public static ChorusClient connect(List<InetSocketAddress> seeds) {
        return builder().seeds(seeds).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- reads

    /** Reads {@code key} (its UTF-8 bytes), waiting for as many replicas as {@code consistency} needs. */
    public ReadResult get(String key, Consistency consistency) {
        return await(getAsync(key, consistency));
    }

    /** Reads {@code key}, waiting for as many replicas as {@code consistency} needs. */
    public ReadResult get(byte[] key, Consistency consistency) {
        return await(getAsync(key, consistency));
    }

    public CompletionStage<ReadResult> getAsync(String key, Consistency consistency) {
        return getAsync(utf8(key), consistency);
    }

    public CompletionStage<ReadResult> getAsync(byte[] key, Consistency consistency) {
        Key wireKey = Key.of(key);
        return call(wireKey, new Get(wireKey, level(consistency)), true, 0)
                .thenApply(response -> readResult(response));
    }

    /**
     * Reads {@code key} (its UTF-8 bytes) through the node at {@code via} only: that node
     * coordinates the read (see {@link #getAsync(byte[], Consistency, InetSocketAddress)}).
     */
    public ReadResult get(String key, Consistency consistency, InetSocketAddress via) {
        return await(getAsync(utf8(key), consistency, via));
    }

    /** Reads {@code key} through the node at {@code via} only (see {@link #getAsync(byte[], Consistency, InetSocketAddress)}). */
    public ReadResult get(byte[] key, Consistency consistency, InetSocketAddress via) {
        return await(getAsync(key, consistency, via));
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
        return call(wireKey, new Get(wireKey, level(consistency)), true, 0, cluster.only(via))
                .thenApply(response -> readResult(response));
    }

    // ---- writes

    /** Writes {@code value} with no context: it becomes a sibling of whatever {@code key} holds. */
    public WriteAck put(String key, byte[] value, Consistency consistency) {
        return await(putAsync(key, value, Context.NONE, consistency));
    }

    /** Writes {@code value} with no context: it becomes a sibling of whatever {@code key} holds. */
    public WriteAck put(byte[] key, byte[] value, Consistency consistency) {
        return await(putAsync(key, value, Context.NONE, consistency));
    }

    /** Writes {@code value}, superseding exactly the versions {@code context} has seen. */
    public WriteAck put(String key, byte[] value, Context context, Consistency consistency) {
        return await(putAsync(key, value, context, consistency));
    }

    /** Writes {@code value}, superseding exactly the versions {@code context} has seen. */
    public WriteAck put(byte[] key, byte[] value, Context context, Consistency consistency) {
        return await(putAsync(key, value, context, consistency));
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
        return await(putAsync(utf8(key), value, context, consistency, options));
    }

    /** Writes {@code value} over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck put(byte[] key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        return await(putAsync(key, value, context, consistency, options));
    }

    public CompletionStage<WriteAck> putAsync(String key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        return putAsync(utf8(key), value, context, consistency, options);
    }

    public CompletionStage<WriteAck> putAsync(byte[] key, byte[] value, Context context, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(context, "context (use Context.NONE for none)");
        Key wireKey = Key.of(key);
        Put put = new Put(wireKey, value.clone(), context.wireBytes(), level(consistency), durable(options), operationIds.next(), 1, null);
        return call(wireKey, put, false, value.length + context.bytes().length).thenApply(ChorusClient::writeAck);
    }

    /** Writes a tombstone over the versions {@code context} has seen (pass the context of a read). */
    public WriteAck delete(String key, Context context, Consistency consistency) {
        return await(deleteAsync(key, context, consistency));
    }

    /** Writes a tombstone over the versions {@code context} has seen (pass the context of a read). */
    public WriteAck delete(byte[] key, Context context, Consistency consistency) {
        return await(deleteAsync(key, context, consistency));
    }

    public CompletionStage<WriteAck> deleteAsync(String key, Context context, Consistency consistency) {
        return deleteAsync(utf8(key), context, consistency);
    }

    public CompletionStage<WriteAck> deleteAsync(byte[] key, Context context, Consistency consistency) {
        return deleteAsync(key, context, consistency, WriteOptions.DEFAULT);
    }

    /** Writes a tombstone over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck delete(String key, Context context, Consistency consistency, WriteOptions options) {
        return await(deleteAsync(utf8(key), context, consistency, options));
    }

    /** Writes a tombstone over what {@code context} has seen, acknowledged as {@code options} asks (e.g. {@link WriteOptions#DURABLE}). */
    public WriteAck delete(byte[] key, Context context, Consistency consistency, WriteOptions options) {
        return await(deleteAsync(key, context, consistency, options));
    }

    public CompletionStage<WriteAck> deleteAsync(String key, Context context, Consistency consistency, WriteOptions options) {
        return deleteAsync(utf8(key), context, consistency, options);
    }

    public CompletionStage<WriteAck> deleteAsync(byte[] key, Context context, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(context, "context (use Context.NONE for none)");
        Key wireKey = Key.of(key);
        return call(wireKey, new Delete(wireKey, context.wireBytes(), level(consistency), durable(options), operationIds.next(), 1, null), false, context.bytes().length)
                .thenApply(ChorusClient::writeAck);
    }

    // ---- CRDT values

    /** The counter at {@code key} (its UTF-8 bytes). */
    public CounterRef counter(String key) {
        return new CounterRef(this, utf8(key));
    }

    public CounterRef counter(byte[] key) {
        return new CounterRef(this, keyCopy(key));
    }

    /** The set at {@code key} (its UTF-8 bytes). */
    public SetRef set(String key) {
        return new SetRef(this, utf8(key));
    }

    public SetRef set(byte[] key) {
        return new SetRef(this, keyCopy(key));
    }

    /** The multi-value register at {@code key} (its UTF-8 bytes). */
    public RegisterRef register(String key) {
        return new RegisterRef(this, utf8(key));
    }

    public RegisterRef register(byte[] key) {
        return new RegisterRef(this, keyCopy(key));
    }

    /** The last-writer-wins register at {@code key} (its UTF-8 bytes). */
    public LwwRegisterRef lwwRegister(String key) {
        return new LwwRegisterRef(this, utf8(key));
    }

    public LwwRegisterRef lwwRegister(byte[] key) {
        return new LwwRegisterRef(this, keyCopy(key));
    }

    /** The flag at {@code key} (its UTF-8 bytes). */
    public FlagRef flag(String key) {
        return new FlagRef(this, utf8(key));
    }

    public FlagRef flag(byte[] key) {
        return new FlagRef(this, keyCopy(key));
    }

    /** The map at {@code key} (its UTF-8 bytes). */
    public MapRef map(String key) {
        return new MapRef(this, utf8(key));
    }

    public MapRef map(byte[] key) {
        return new MapRef(this, keyCopy(key));
    }

    /**
     * Attempts of CRDT updates sent after their first, since the client was built: how often
     * replies were lost, nodes overloaded or retries unsettled. For monitoring; each is the same
     * operation again, never counted twice by the replicas.
     */
    public long crdtRetriesSent() {
        return crdtRetriesSent.sum();
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
        if (closed) return;
        closed = true;
        for (IdempotentUpdate update : List.copyOf(updating)) update.abort("the client was closed before the update settled");
        for (RequestCall call : List.copyOf(inFlight)) call.abort("the client was closed before an answer came");
        List<ChannelFuture> closing = new ArrayList<>();
        for (NodeConnection node : cluster.nodes()) {
            ChannelFuture future = node.close();
            if (future != null) closing.add(future);
        }
        for (ChannelFuture future : closing) future.awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    // ---- internals

    /** Sends {@code operation} on {@code key} under a new operation id, retrying as the retry policy says. */
    CompletableFuture<WriteAck> updateAsync(byte[] key, CrdtOp operation, Consistency consistency, WriteOptions options) {
        Objects.requireNonNull(operation, "operation");
        byte level = level(consistency);
        boolean durable = durable(options);
        if (closed) throw new IllegalStateException("the client is closed");
        Key wireKey = Key.of(key);
        int payloadBytes = (int) Math.min(OperationSizes.bytesMax(operation), Integer.MAX_VALUE / 2);
        IdempotentUpdate update = new IdempotentUpdate(wireKey, operation, operationIds.next(), level, durable, retryPolicy,
                request -> call(wireKey, request, false, payloadBytes), group.next(), crdtRetriesSent);
        updating.add(update);
        update.result.whenComplete((done, error) -> updating.remove(update));
        update.start();
        if (closed) update.abort("the client was closed before the update settled"); // raced with close()
        return update.result.thenApply(ack -> ack);
    }

    /** Reads the value of {@code type} at {@code key}; its type's empty value when nothing was written. */
    <V extends Crdt<V>> CompletableFuture<V> readAsync(byte[] key, Class<V> type, Consistency consistency) {
        Key wireKey = Key.of(key);
        CrdtGet get = new CrdtGet(wireKey, CrdtType.of(type), level(consistency));
        return call(wireKey, get, true, 0).thenApply(response -> CrdtReplies.value(response, type));
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

    /** A session's call: as any other, with the session's own request (its token in it). */
    CompletableFuture<ClientResponse> sessionCall(Key key, ClientRequest request, boolean resendable, int payloadBytes) {
        return call(key, request, resendable, payloadBytes);
    }

    long nextOperationId() {
        return operationIds.next();
    }

    <T> T awaitCall(CompletionStage<T> stage) {
        return await(stage);
    }

    /** Waits for a read: it has one request timeout. */
    <T> T awaitRead(CompletionStage<T> stage) {
        return await(stage);
    }

    /** Waits for {@code operations} updates sent one after another, each with its retries. */
    <T> T awaitUpdates(CompletionStage<T> stage, int operations) {
        return await(stage, operations * retryPolicy.worstCaseMillis(requestTimeoutMillis));
    }

    /** Called once by the builder, before the client is handed out. */
    void retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
    }

    private CompletableFuture<ClientResponse> call(Key key, ClientRequest request, boolean resendable, int payloadBytes) {
        return call(key, request, resendable, payloadBytes, null);
    }

    /** @param candidates the nodes to try in order; null: {@code key}'s replicas, then every other node */
    private CompletableFuture<ClientResponse> call(Key key, ClientRequest request, boolean resendable, int payloadBytes,
                                                   List<NodeConnection> candidates) {
        if (closed) throw new IllegalStateException("the client is closed");
        long frameBytes = (long) key.length() + payloadBytes + FRAME_OVERHEAD_BYTES;
        if (frameBytes > frameBytesMax) {
            return CompletableFuture.failedFuture(new ChorusException(ErrorKind.INVALID_REQUEST,
                    "the request (key " + key.length() + " bytes, value and context " + payloadBytes + " bytes) does not fit in a frame of "
                            + frameBytesMax + " bytes (frameBytesMax); nothing was sent"));
        }
        RequestCall call = new RequestCall(request, resendable,
                candidates != null ? candidates : cluster.candidates(key.bytesUnsafe()), requestTimeoutMillis);
        inFlight.add(call);
        call.result.whenComplete((response, error) -> inFlight.remove(call));
        call.start(group.next());
        if (closed) call.abort("the client was closed before an answer came"); // raced with close()
        return call.result.thenApply(ChorusClient::throwIfFailure);
    }

    private static ClientResponse throwIfFailure(ClientResponse response) {
        if (response instanceof Failure failure) throw new ChorusException(failure.kind(), failure.message());
        return response;
    }

    static ReadResult readResult(ClientResponse response) {
        if (!(response instanceof GetResult result)) throw unexpected("a GetResult", response);
        return new ReadResult(Arrays.asList(result.values()), Context.of(result.context()));
    }

    static WriteAck writeAck(ClientResponse response) {
        if (!(response instanceof WriteResult result)) throw unexpected("a WriteResult", response);
        return new WriteAck(Context.of(result.context()), result.durable());
    }

    private static ChorusException unexpected(String wanted, ClientResponse got) {
        // The node answered something else: the request's outcome is unknown to us.
        return new ChorusException(ErrorKind.TIMEOUT, "the node answered " + got.getClass().getSimpleName()
                + " where " + wanted + " was expected; the operation may have been applied");
    }

    /** Waits for {@code stage}; the deadline is enforced by the call itself, the wait bound is a backstop. */
    private <T> T await(CompletionStage<T> stage) {
        return await(stage, requestTimeoutMillis);
    }

    /** Waits for {@code stage}, which settles within {@code settlesWithinMillis} on its own; the wait bound is a backstop. */
    private <T> T await(CompletionStage<T> stage, long settlesWithinMillis) {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                throw new IllegalStateException("a blocking ChorusClient call on the client's own I/O thread would deadlock; use the *Async methods in callbacks");
            }
        }
        try {
            return stage.toCompletableFuture().get(settlesWithinMillis + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChorusException failed) {
                throw new ChorusException(failed.kind(), failed.detail(), failed); // a stack trace through the caller
            }
            if (cause instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChorusException(ErrorKind.TIMEOUT, "interrupted while waiting for the answer; the operation may have been applied", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request outlived its own deadline of " + settlesWithinMillis + " ms", e);
        }
    }

    /** The one place a level becomes its wire code. */
    static byte level(Consistency consistency) {
        return Objects.requireNonNull(consistency, "consistency").code();
    }

    private static boolean durable(WriteOptions options) {
        return Objects.requireNonNull(options, "options (use WriteOptions.DEFAULT for none)").durable();
    }

    private static byte[] utf8(String key) {
        return Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyCopy(byte[] key) {
        return Objects.requireNonNull(key, "key").clone();
    }

    /**
     * Settings of a {@link ChorusClient}. Every setting has a default except the seeds.
     * {@link #build()} connects.
     */
    public static final class Builder {
        private List<InetSocketAddress> seeds = List.of();
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration reconnectBackoff = Duration.ofSeconds(1);
        private int ioThreads = 1;
        private int frameBytesMax = 2 << 20;
        private int inFlightPerConnectionMax = 1024;
        private int crdtAttemptsMax = RetryPolicy.DEFAULTS.attemptsMax();
        private Duration crdtBackoffFirst = Duration.ofMillis(RetryPolicy.DEFAULTS.backoffFirstMillis());
        private Duration crdtBackoffMax = Duration.ofMillis(RetryPolicy.DEFAULTS.backoffMaxMillis());

        private Builder() {
        }

        /** Nodes to ask for the cluster's description, tried in order. Required, not empty. */
        public Builder seeds(List<InetSocketAddress> seeds) {
            this.seeds = List.copyOf(seeds);
            return this;
        }

        /** How long a request may take, end to end, before it fails with {@code Timeout}. Default 5 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long opening a connection to a node may take. Default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a node that refused a connection is skipped while another node can be tried. Default 1 s. */
        public Builder reconnectBackoff(Duration backoff) {
            this.reconnectBackoff = Objects.requireNonNull(backoff, "reconnectBackoff");
            return this;
        }

        /** Event loop threads (daemon). Default 1, plenty for a client. */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 64) throw new IllegalArgumentException("ioThreads must be 1..64, was " + threads);
            this.ioThreads = threads;
            return this;
        }

        /** Largest frame sent or accepted, in bytes; match the nodes' {@code limits.frameBytesMax}. Default 2 MiB. */
        public Builder frameBytesMax(int bytes) {
            if (bytes < 1024) throw new IllegalArgumentException("frameBytesMax must be at least 1024, was " + bytes);
            this.frameBytesMax = bytes;
            return this;
        }

        /** Requests in flight on one connection before new ones fail with {@code Overloaded}. Default 1024. */
        public Builder inFlightPerConnectionMax(int requests) {
            if (requests < 1) throw new IllegalArgumentException("inFlightPerConnectionMax must be positive, was " + requests);
            this.inFlightPerConnectionMax = requests;
            return this;
        }

        /**
         * Attempts of one CRDT update in all, the first included (1 = never retry); see "CRDT
         * values" in {@link ChorusClient}. Default 5, at most 1000.
         */
        public Builder crdtAttemptsMax(int attempts) {
            this.crdtAttemptsMax = attempts;
            return this;
        }

        /**
         * Wait before the second attempt of a CRDT update ({@code first}), doubling per attempt up
         * to {@code max}, each wait scaled by a random factor in [0.5, 1]. Default 50 ms and 1 s;
         * {@code max} at most 10 minutes.
         */
        public Builder crdtRetryBackoff(Duration first, Duration max) {
            this.crdtBackoffFirst = Objects.requireNonNull(first, "first");
            this.crdtBackoffMax = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Connects: asks the seeds in order to describe the cluster.
         *
         * @throws ChorusException {@code Unavailable} when no seed can be reached
         */
        public ChorusClient build() {
            if (seeds.isEmpty()) throw new IllegalArgumentException("at least one seed address is needed");
            RetryPolicy retries = RetryPolicy.of(crdtAttemptsMax, crdtBackoffFirst, crdtBackoffMax); // refuses bad settings before connecting
            ChorusClient client = new Connector(new ClientSettings(seeds, millis(requestTimeout), millis(connectTimeout),
                    reconnectBackoff.toNanos(), ioThreads, frameBytesMax, inFlightPerConnectionMax)).connect();
            client.retryPolicy(retries);
            return client;
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }

        private static long millis(Duration duration) {
            return Math.max(1, duration.toMillis());
        }
    }
}
