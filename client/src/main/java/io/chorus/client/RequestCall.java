package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One request's way through the cluster: tries the candidate nodes in order until one answers,
 * within one deadline for the whole call. Moves to the next node only when the request certainly
 * did not reach the previous one (it could not connect, or the write failed), or when the request
 * is a read: a write whose connection closed after it was sent is indeterminate and fails with
 * {@code Timeout} rather than risk being applied twice.
 *
 * <p>Attempts run one after another (each starts when the previous has failed), so the attempt
 * state needs no lock; the deadline and {@link #abort} may race with them and only touch
 * {@link #result} (which completes once) and the volatile current attempt.
 */
final class RequestCall {
    private final ClientRequest request;
    private final boolean resendable;
    private final List<NodeConnection> candidates;
    private final long timeoutMillis;
    private final List<String> unreachable = new ArrayList<>();
    private int nextCandidate;
    private volatile NodeConnection current;
    private volatile CompletableFuture<ClientResponse> attempt;
    private ScheduledFuture<?> deadline;

    /** Completes with the node's response, or fails with a {@link ChorusException}. */
    final CompletableFuture<ClientResponse> result = new CompletableFuture<>();

    /**
     * @param resendable true for reads and cluster descriptions, which may safely reach two nodes
     */
    RequestCall(ClientRequest request, boolean resendable, List<NodeConnection> candidates, long timeoutMillis) {
        assert !candidates.isEmpty() : "no node to send to";
        this.request = request;
        this.resendable = resendable;
        this.candidates = candidates;
        this.timeoutMillis = timeoutMillis;
    }

    /** Starts the first attempt and arms the deadline on {@code timer}. */
    void start(EventExecutor timer) {
        deadline = timer.schedule(this::onDeadline, timeoutMillis, TimeUnit.MILLISECONDS);
        result.whenComplete((response, error) -> {
            deadline.cancel(false);
            CompletableFuture<ClientResponse> pending = attempt;
            if (pending != null) pending.cancel(false); // frees its slot on the connection
        });
        tryNextNode();
    }

    private void tryNextNode() {
        if (result.isDone()) return;
        if (nextCandidate == candidates.size()) {
            result.completeExceptionally(new ChorusException(ErrorKind.UNAVAILABLE,
                    "no node reachable, nothing was sent (" + String.join("; ", unreachable) + ")"));
            return;
        }
        NodeConnection node = candidates.get(nextCandidate++);
        boolean lastChance = nextCandidate == candidates.size();
        current = node;
        CompletableFuture<ClientResponse> sent = node.send(request, !lastChance);
        attempt = sent;
        if (result.isDone()) sent.cancel(false); // the deadline fired between the check and here
        sent.whenComplete((response, error) -> onAttemptDone(node, response, error));
    }

    private void onAttemptDone(NodeConnection node, ClientResponse response, Throwable error) {
        if (error == null) {
            result.complete(response);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NotDelivered lost) {
            if (!lost.sent() || resendable) {
                unreachable.add(node.label() + ": " + lost.getMessage());
                tryNextNode();
            } else {
                result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT, node.label() + " closed the connection ("
                        + lost.getMessage() + ") before answering; the operation may have been applied"));
            }
        } else if (cause instanceof ChorusException refused) {
            result.completeExceptionally(refused);
        } else if (!(cause instanceof java.util.concurrent.CancellationException)) {
            result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT,
                    "unexpected client error talking to " + node.label() + ": " + cause + "; the operation may have been applied", cause));
        }
    }

    private void onDeadline() {
        NodeConnection node = current;
        String who = node == null ? "any node" : node.label();
        result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT,
                "no answer from " + who + " within " + timeoutMillis + " ms (requestTimeout)" + indeterminacy()));
    }

    /** Fails the call at once, for example because the client is closing. */
    void abort(String reason) {
        result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT, reason + indeterminacy()));
    }

    private String indeterminacy() {
        return resendable ? "" : "; the operation may have been applied";
    }
}
