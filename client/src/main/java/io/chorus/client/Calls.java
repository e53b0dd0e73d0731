package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Key;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The calls of one client: starts each (refusing, without sending, a request too large for a
 * frame; ordering the nodes by {@link Routing}; handing it to a {@link RequestCall} on one of the
 * client's event loops), keeps those in flight so that closing fails them, and waits for them on
 * behalf of the blocking methods (never on the client's own I/O thread, and only as a backstop:
 * each call ends by its own deadline). Thread-safe.
 */
final class Calls {
    /** Room in a frame for everything but the key, value and context (ids, level, lengths, tags). */
    private static final int FRAME_OVERHEAD_BYTES = 64;

    private final EventLoopGroup group;
    private final ClusterView cluster;
    private final CallPolicy policy;
    private final long requestTimeoutMillis;
    private final int frameBytesMax;
    private final Set<RequestCall> inFlight = ConcurrentHashMap.newKeySet();
    /** The longest deadline a call was given: the backstop of blocking waits on handles' updates. */
    private volatile long callTimeoutMaxMillis;
    private volatile boolean closed;

    Calls(EventLoopGroup group, ClusterView cluster, CallPolicy policy, long requestTimeoutMillis, int frameBytesMax) {
        this.group = group;
        this.cluster = cluster;
        this.policy = policy;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.frameBytesMax = frameBytesMax;
        this.callTimeoutMaxMillis = requestTimeoutMillis;
    }

    /** The client's request timeout: a call's deadline unless its options set their own. */
    long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    /**
     * @param changesData true for writes (see {@link Resend})
     * @param candidates  the nodes to try in order; null: {@code key}'s replicas, then every other node
     */
    CompletableFuture<Answered> start(Key key, ClientRequest request, boolean changesData, int payloadBytes,
                                      List<NodeConnection> candidates, CallOptions options) {
        if (closed) throw new IllegalStateException("the client is closed");
        long frameBytes = (long) key.length() + payloadBytes + FRAME_OVERHEAD_BYTES;
        if (frameBytes > frameBytesMax) {
            return CompletableFuture.failedFuture(new ChorusException(ErrorKind.INVALID_REQUEST,
                    "the request (key " + key.length() + " bytes, value and context " + payloadBytes + " bytes) does not fit in a frame of "
                            + frameBytesMax + " bytes (frameBytesMax); nothing was sent"));
        }
        List<NodeConnection> route = candidates != null ? candidates : Routing.order(cluster.candidates(key.bytesUnsafe()),
                cluster.replicaCount(), options.spread(), policy.jitter().getAsDouble(), System.nanoTime());
        if (options.requestTimeoutMillis() > callTimeoutMaxMillis) callTimeoutMaxMillis = options.requestTimeoutMillis();
        RequestCall call = new RequestCall(request, changesData, route, options, policy, group.next());
        inFlight.add(call);
        call.result.whenComplete((answer, error) -> inFlight.remove(call));
        call.start();
        if (closed) call.abort("the client was closed before an answer came"); // raced with close()
        return call.result.thenApply(answer -> new Answered(key, Replies.throwIfFailure(answer), call.answeredBy().name(), call.sends()));
    }

    /** Refuses calls from now on and fails those pending ({@code Timeout}); false when already closed. */
    boolean close() {
        if (closed) return false;
        closed = true;
        for (RequestCall call : List.copyOf(inFlight)) call.abort("the client was closed before an answer came");
        return true;
    }

    /** Waits for {@code stage}; the deadline is enforced by the call itself, the wait bound is a backstop. */
    <T> T await(CompletionStage<T> stage) {
        return await(stage, requestTimeoutMillis);
    }

    /** Waits for {@code operations} updates sent one after another, each within its deadline. */
    <T> T awaitUpdates(CompletionStage<T> stage, int operations) {
        return await(stage, operations * callTimeoutMaxMillis);
    }

    /** Waits for {@code stage}, which settles within {@code settlesWithinMillis} on its own; the wait bound is a backstop. */
    <T> T await(CompletionStage<T> stage, long settlesWithinMillis) {
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
}
