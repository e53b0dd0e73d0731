package io.chorus.client;

import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.WriteResult;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One CRDT operation on its way to the cluster: sends it as attempt 1 and, while the
 * {@link RetryPolicy} says a retry can help, sends the very same operation under the same
 * operation id as attempt 2, 3, ... after a backoff. Replicas apply an operation id at most once,
 * so however many attempts reach them, the operation counts once.
 *
 * <p>The outcome says what the caller needs to know: success; or the last failure, whose kind is
 * {@code Timeout} whenever an earlier attempt may have been applied (even if the last one was
 * refused as {@code Unavailable}: the operation is then indeterminate, not "nothing applied").
 *
 * <p>Attempts run one after another; the state they share is written before the next attempt is
 * scheduled, which orders it (the executor's hand-off), so no lock is needed.
 */
final class IdempotentUpdate {
    private final Key key;
    private final CrdtOp operation;
    private final long operationId;
    private final byte level;
    private final boolean durable;
    private final RetryPolicy policy;
    private final Function<CrdtUpdate, CompletableFuture<ClientResponse>> sender;
    private final EventExecutor timer;
    private final LongAdder retriesSent;
    /** True once an attempt failed in a way that leaves it possibly applied (a {@code Timeout}). */
    private volatile boolean indeterminate;

    /** Completes when an attempt succeeds, or fails with the last attempt's {@link ChorusException}. */
    final CompletableFuture<WriteAck> result = new CompletableFuture<>();

    /**
     * @param sender sends one attempt; the future fails with a {@link ChorusException} (a node's
     *               {@code Failure} or the client's own), or the call throws {@link IllegalStateException}
     *               when the client is closed
     * @param timer  where backoffs wait (an event loop of the client)
     * @param retriesSent counts every attempt after the first that is handed to {@code sender}
     */
    IdempotentUpdate(Key key, CrdtOp operation, long operationId, byte level, boolean durable, RetryPolicy policy,
                     Function<CrdtUpdate, CompletableFuture<ClientResponse>> sender, EventExecutor timer, LongAdder retriesSent) {
        this.key = key;
        this.operation = operation;
        this.operationId = operationId;
        this.level = level;
        this.durable = durable;
        this.policy = policy;
        this.sender = sender;
        this.timer = timer;
        this.retriesSent = retriesSent;
    }

    long operationId() {
        return operationId;
    }

    void start() {
        attempt(1);
    }

    /** Fails the update at once (the client is closing); a backoff still pending then sends nothing. */
    void abort(String reason) {
        result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT, reason + describeAttempts()));
    }

    private void attempt(int number) {
        if (result.isDone()) return; // aborted, or the caller cancelled
        CompletableFuture<ClientResponse> sent;
        try {
            sent = sender.apply(new CrdtUpdate(key, operation, operationId, number, level, durable));
        } catch (IllegalStateException closed) {
            abort("the client was closed before attempt " + number + " was sent");
            return;
        }
        if (number > 1) retriesSent.increment();
        sent.whenComplete((response, error) -> onAnswer(number, response, error));
    }

    private void onAnswer(int number, ClientResponse response, Throwable error) {
        if (error == null) {
            if (response instanceof WriteResult written) {
                result.complete(new WriteAck(Context.NONE, written.durable()));
            } else {
                result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT, "the node answered "
                        + response.getClass().getSimpleName() + " where a WriteResult was expected; the operation may have been applied"));
            }
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) return; // the caller gave up
        if (!(cause instanceof ChorusException failed)) {
            result.completeExceptionally(cause);
            return;
        }
        if (failed.kind() == ErrorKind.TIMEOUT) indeterminate = true;
        if (!policy.retries(failed.kind(), number)) {
            result.completeExceptionally(finalFailure(failed, number));
            return;
        }
        long waitMillis = policy.backoffMillis(number, ThreadLocalRandom.current().nextDouble());
        try {
            timer.schedule(() -> attempt(number + 1), waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            abort("the client closed while waiting to retry (" + failed.getMessage() + ")");
        }
    }

    /** The failure to report: the node's own for a single attempt, else with what the attempts did. */
    private ChorusException finalFailure(ChorusException last, int attempts) {
        if (attempts == 1) return last;
        boolean claimsNothingApplied = last.kind() == ErrorKind.UNAVAILABLE || last.kind() == ErrorKind.OVERLOADED;
        if (indeterminate && claimsNothingApplied) {
            return new ChorusException(ErrorKind.TIMEOUT, "gave up after " + attempts + " attempts of operation " + operationId
                    + "; the last was refused (" + last.getMessage() + ") but an earlier one timed out, so the operation may have been applied", last);
        }
        return new ChorusException(last.kind(), last.detail() + " (attempt " + attempts + " of operation " + operationId + ")", last);
    }

    private String describeAttempts() {
        return indeterminate ? "; an earlier attempt of operation " + operationId + " timed out, so it may have been applied"
                : "; operation " + operationId + " may have been applied";
    }
}
