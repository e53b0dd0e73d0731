package io.chorus.client;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * How a {@link RequestCall} ends, and its one boundary with other threads: its {@link #result},
 * completed once (with a response or a {@link ChorusException}), with the node that answered and
 * the sends it took for the receipt; and the hop onto the event loop that owns the rest of the
 * call's state ({@link #onLoop}). Whatever completes the result first wins; the loser changes
 * nothing, and the winner {@link #release}s what the call still holds. The base of
 * {@link TimedCall} and {@link RequestCall}: a call stays one object.
 */
abstract class CallOutcome {
    /** The event loop that owns the call's state and timers. */
    final EventExecutor loop;
    /**
     * Completes with the node's response (a {@link io.chorus.replication.message.Failure} too, when
     * the only node asked refused for good), or fails with a {@link ChorusException}.
     */
    final CompletableFuture<ClientResponse> result = new CompletableFuture<>();
    /** The node whose answer completed {@link #result}; read after it completed. */
    private volatile NodeConnection answeredBy;
    /** Sends it took, read after {@link #result} completed. */
    private volatile int sendsUsed;

    CallOutcome(EventExecutor loop) {
        this.loop = loop;
    }

    /** Frees what the call still holds (its timer, its attempts in flight), once its result completed. On the loop. */
    abstract void release();

    /** The node that answered; null unless {@link #result} completed with a response. */
    final NodeConnection answeredBy() {
        return answeredBy;
    }

    /** How many sends the call took (1: answered at the first); meaningful once {@link #result} completed. */
    final int sends() {
        return sendsUsed;
    }

    /** True once the call has its outcome. */
    final boolean done() {
        return result.isDone();
    }

    /** Ends the call with {@code node}'s {@code response}, after {@code sends} sends. On the loop. */
    final void completeWith(NodeConnection node, ClientResponse response, int sends) {
        answeredBy = node;
        sendsUsed = sends;
        if (result.complete(response)) release();
    }

    /** Ends the call with {@code failure}, after {@code sends} sends. On the loop. */
    final void failWith(ChorusException failure, int sends) {
        sendsUsed = sends;
        if (result.completeExceptionally(failure)) release();
    }

    /** Runs {@code step} on the call's loop: at once when already there; fails the call with {@code closing} when the loop stopped. */
    final void onLoop(Runnable step, String closing) {
        if (loop.inEventLoop()) {
            step.run();
            return;
        }
        try {
            loop.execute(step);
        } catch (RejectedExecutionException stopped) {
            result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT, closing));
        }
    }
}
