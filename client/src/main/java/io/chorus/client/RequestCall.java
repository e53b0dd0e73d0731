package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * One request's way through the cluster, within one deadline for the whole call
 * ({@link CallOptions#requestTimeoutMillis()}): sends it to the candidate nodes in order and,
 * when an attempt fails in a way {@link Resend} says may be repeated, moves on.
 *
 * <ul>
 *   <li>A node that could not be reached (nothing sent) is skipped at once; it costs no retry.</li>
 *   <li>A refusal that applied nothing ({@code Unavailable}, {@code Overloaded},
 *       {@code SessionUnsatisfied}) moves the request to the next node at once, whatever it is: a
 *       node cut off from its peers answers {@code Unavailable} while the key's other replicas are
 *       a healthy quorum.</li>
 *   <li>{@code Timeout}, silence for the attempt timeout, or a connection closed after sending may
 *       have applied a write: a read moves on; a write with an operation id moves on as a retry
 *       (attempt number above 1, settled by the coordinator); a plain write fails with {@code Timeout}.</li>
 *   <li>When every candidate was tried (a round), another round starts after a backoff with full
 *       jitter, for the failures that say "later" ({@code Overloaded}, {@code Timeout}, and
 *       {@code Unavailable} answering a retry that cannot be settled yet); a plain {@code Unavailable}
 *       ends the call, the caller should hear that too few replicas are up.</li>
 *   <li>Every send after the first that is not a skip past an unreachable node is a retry: bounded by
 *       {@link RetryPolicy#attemptsMax()} and by the client's {@link RetryBudget}.</li>
 *   <li>A read may be hedged: when the first node has not answered within its recent p99, the
 *       next one is asked too (if the budget allows) and the first answer wins.</li>
 * </ul>
 * Each node's {@link CircuitBreaker} hears what the node is to blame for: no connection, silence,
 * a closed connection, {@code Overloaded} at once; {@code Unavailable}, {@code SessionUnsatisfied}
 * and {@code Timeout} only when another node then answered the call (so a cluster-wide shortage
 * opens no breaker).
 *
 * <p>Threading: all state but {@link #result} is confined to {@code loop}; callbacks from other
 * threads hop onto it (none do when the connection runs on the same loop, the usual case). The
 * caller hands the call to the loop once ({@link #start}); everything after happens there. How it
 * ends and the hop onto the loop are {@link CallOutcome}'s.
 *
 * <p>Timers: its deadline, its attempts' silence and hedge times and its backoff share one timer,
 * kept by {@link TimedCall}; this class says what happens when each comes due.
 */
final class RequestCall extends TimedCall {
    private final ClientRequest request;
    private final Resend resend;
    private final List<NodeConnection> candidates;
    private final CallOptions options;
    private final CallPolicy policy;
    private final long attemptTimeoutMillis;

    // Confined to loop.
    private final List<String> unreachable = new ArrayList<>(0);
    private final List<NodeConnection> blameIfAnotherAnswers = new ArrayList<>(0);
    private int nextCandidate;
    private int rounds;
    private int sends;
    private boolean indeterminate;
    private NodeConnection lastTried;
    private ChorusException lastFailure;
    /** True when {@link #lastFailure} is the client's own refusal (too many in flight): no later round. */
    private boolean lastFailureLocal;

    /**
     * @param changesData false for reads and cluster descriptions, which may safely reach two nodes
     * @param candidates  the nodes to try, best first
     * @param loop        the event loop that owns this call's state and timers
     */
    RequestCall(ClientRequest request, boolean changesData, List<NodeConnection> candidates, CallOptions options,
                CallPolicy policy, EventExecutor loop) {
        super(loop, options.requestTimeoutMillis());
        assert !candidates.isEmpty() : "no node to send to";
        this.request = request;
        this.resend = Resend.of(request, changesData);
        this.candidates = candidates;
        this.options = options;
        this.policy = policy;
        this.attemptTimeoutMillis = policy.attemptTimeoutMillis(options.requestTimeoutMillis());
    }

    /** Hands the call to its loop, which sends the first attempt and sets the alarm (one hand-off per call). */
    void start() {
        policy.budget().onFirstSend();
        onLoop(() -> {
            if (result.isDone()) return; // aborted before it began
            sendNext();
            setAlarm();
        }, "the client closed before the request was sent");
    }

    /** Fails the call at once, for example because the client is closing. Any thread. */
    void abort(String reason) {
        if (result.completeExceptionally(new ChorusException(ErrorKind.TIMEOUT, reason + indeterminacy()))) onLoop(this::release, reason);
    }

    // ---- sending

    private void sendNext() {
        if (result.isDone()) return;
        if (nextCandidate == candidates.size()) {
            endRound();
            return;
        }
        send(candidates.get(nextCandidate++));
    }

    private void send(NodeConnection node) {
        sends++;
        long now = System.nanoTime();
        int attemptNumber = indeterminate && resend.countsAttempts() ? sends : 1;
        boolean lastChance = nextCandidate == candidates.size();
        Attempt attempt = new Attempt(node, now);
        inFlight.add(attempt);
        lastTried = node;
        node.breaker().onSend(now);
        attempt.reply = node.send(Resend.attempt(request, attemptNumber), !lastChance, options.connectTimeoutMillis());
        setDueTimes(attempt, now, resend.mayRetryUnknownOutcome() ? attemptTimeoutMillis : 0, hedgeDelayMillis(node));
        attempt.reply.whenComplete((response, error) -> onLoop(() -> {
            onAttemptDone(attempt, response, error);
            setAlarm();
        }, "the client closed before an answer came" + indeterminacy()));
    }

    /** When to ask a second node for this read; 0: never (not a hedged read, no estimate, no other node). */
    private long hedgeDelayMillis(NodeConnection node) {
        if (resend != Resend.READ || !options.hedge() || inFlight.size() != 1) return 0; // only the first of a read, never a hedge of a hedge
        if (nextCandidate == candidates.size()) return 0;
        return policy.hedgeDelayMillis(node.latency().p99Nanos());
    }

    // ---- outcomes

    private void onAttemptDone(Attempt attempt, ClientResponse response, Throwable error) {
        if (!inFlight.remove(attempt)) return; // abandoned: silent too long, or a hedge answered first
        if (result.isDone()) return;
        NodeConnection node = attempt.node;
        long now = System.nanoTime();
        if (error == null) {
            node.answered(now - attempt.startNanos);
            if (response instanceof Failure failure) {
                onRefused(node, failure, now);
            } else {
                node.breaker().onSuccess();
                for (NodeConnection blamed : blameIfAnotherAnswers) {
                    if (blamed != node) blamed.breaker().onFailure(now);
                }
                completeWith(node, response, sends);
            }
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) return;
        if (cause instanceof NotDelivered lost) {
            onNotDelivered(node, lost, now);
        } else if (cause instanceof ChorusException local && local.kind() == ErrorKind.OVERLOADED) {
            sends--; // refused by the client itself (too many in flight on that connection): nothing was sent
            lastFailure = local;
            lastFailureLocal = true; // back-pressure for the caller, not a reason to wait and try again
            moveOn(false);
        } else if (cause instanceof ChorusException local) {
            fail(local);
        } else {
            fail(CallFailures.unexpected(node, cause, resend));
        }
    }

    private void onRefused(NodeConnection node, Failure failure, long now) {
        ChorusException refused = new ChorusException(failure.kind(), failure.message());
        if (!resend.mayRetryAfter(failure.kind())) {
            if (failure.kind() != ErrorKind.TIMEOUT) node.breaker().onSuccess(); // it answered for itself
            if (sends <= 1) {
                completeWith(node, failure, sends); // the node's own answer, as is
            } else {
                fail(finalFailure(refused));
            }
            return;
        }
        if (failure.kind() == ErrorKind.OVERLOADED) {
            node.breaker().onFailure(now);
        } else {
            blameIfAnotherAnswers.add(node);
        }
        if (failure.kind() == ErrorKind.TIMEOUT && resend.countsAttempts()) indeterminate = true;
        lastFailure = refused;
        lastFailureLocal = false;
        moveOn(true);
    }

    private void onNotDelivered(NodeConnection node, NotDelivered lost, long now) {
        node.breaker().onFailure(now);
        if (!lost.sent()) {
            sends--; // it never reached the node: not a retry
            unreachable.add(node.label() + ": " + lost.getMessage());
            moveOn(false);
            return;
        }
        ChorusException closed = CallFailures.closedConnection(node, lost, resend);
        if (!resend.mayRetryUnknownOutcome()) {
            fail(closed);
            return;
        }
        if (resend.countsAttempts()) indeterminate = true;
        lastFailure = closed;
        lastFailureLocal = false;
        moveOn(true);
    }

    /** No answer within the attempt timeout: move on, leaving that node's answer unwaited for. */
    @Override
    void onSilent(Attempt attempt) {
        if (result.isDone() || !inFlight.remove(attempt)) return;
        attempt.reply.cancel(false); // frees its slot on the connection
        attempt.node.breaker().onFailure(System.nanoTime());
        if (resend.countsAttempts()) indeterminate = true;
        lastFailure = CallFailures.silent(attempt.node, attemptTimeoutMillis, resend);
        lastFailureLocal = false;
        moveOn(true);
    }

    /** The first node is slower than its recent p99: ask the next one too, if the budget allows. */
    @Override
    void onHedge(Attempt first) {
        if (result.isDone() || !inFlight.contains(first) || inFlight.size() > 1 || nextCandidate == candidates.size()) return;
        if (!policy.budget().tryRetry()) {
            policy.counters().budgetRefusals().increment();
            return;
        }
        policy.counters().hedges().increment();
        send(candidates.get(nextCandidate++));
    }

    /**
     * After a failed attempt: wait for another still in flight (a hedge), else go to the next node,
     * or end the round.
     *
     * @param retry true when the next send is a retry (counted and budgeted), false after a skip
     */
    private void moveOn(boolean retry) {
        if (!inFlight.isEmpty()) return; // a hedge may still answer
        if (nextCandidate == candidates.size()) {
            endRound();
            return;
        }
        if (retry && !mayRetry()) return;
        sendNext();
    }

    /** Every candidate was tried: another round after a backoff, or the end of the call. */
    private void endRound() {
        if (lastFailure == null) { // every node unreachable
            fail(CallFailures.noNodeReachable(unreachable));
            return;
        }
        if (lastFailureLocal || !Resend.laterMayHelp(lastFailure.kind(), indeterminate)) {
            fail(finalFailure(lastFailure));
            return;
        }
        rounds++;
        long waitMillis = policy.retry().backoffMillis(rounds, policy.jitter().getAsDouble());
        if (waitMillis >= remainingMillis(System.nanoTime())) {
            fail(finalFailure(lastFailure)); // it would only wait out the deadline
            return;
        }
        if (!mayRetry()) return;
        nextCandidate = 0;
        unreachable.clear();
        if (waitMillis == 0) {
            sendNext();
        } else {
            backOff(waitMillis); // the alarm sends it
        }
    }

    /** Takes a retry from the attempts and the budget, or fails the call saying which ran out. */
    private boolean mayRetry() {
        if (!policy.retry().allowsAnother(sends)) {
            fail(finalFailure(lastFailure));
            return false;
        }
        if (!policy.budget().tryRetry()) {
            policy.counters().budgetRefusals().increment();
            fail(CallFailures.notRetried(finalFailure(lastFailure), policy.budget()));
            return false;
        }
        policy.counters().retries().increment();
        if (resend == Resend.IDEMPOTENT_WRITE) policy.counters().idempotentRetries().increment();
        return true;
    }

    @Override
    void onDeadline() {
        fail(CallFailures.deadline(lastTried, options.requestTimeoutMillis(), lastFailure, resend));
    }

    private ChorusException finalFailure(ChorusException last) {
        return CallFailures.finalFailure(request, sends, indeterminate, last);
    }

    private String indeterminacy() {
        return CallFailures.indeterminacy(resend);
    }

    // ---- completion

    @Override
    long requestTimeoutMillis() {
        return options.requestTimeoutMillis();
    }

    @Override
    void onBackoffOver() {
        sendNext();
    }

    private void fail(ChorusException failure) {
        failWith(failure, sends);
    }

    /** Cancels the alarm and whatever is still in flight (freeing its slot on the connection). On the loop. */
    @Override
    void release() {
        cancelAlarm();
        List<Attempt> abandoned = List.copyOf(inFlight);
        inFlight.clear(); // first: a cancelled reply calls back into onAttemptDone at once
        for (Attempt attempt : abandoned) attempt.reply.cancel(false);
    }
}
