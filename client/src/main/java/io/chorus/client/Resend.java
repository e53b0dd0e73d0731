package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ErrorKind;

/**
 * What may be done with a request after an attempt failed, by what the request is (the "safe to
 * retry?" column of shared/SEMANTICS.md "Errors"):
 * <ul>
 *   <li>{@link #READ}: reads and cluster descriptions change nothing; they may be sent again, to
 *       any node, after any failure.</li>
 *   <li>{@link #IDEMPOTENT_WRITE}: a write that carries an operation id (CRDT updates; any request
 *       with an operation id belongs here). After an outcome that may have applied it ({@code Timeout},
 *       silence, a connection closed after sending) it is sent again only as the same operation
 *       with an attempt number above 1, which makes the coordinator settle it first (replicas apply
 *       an id at most once).</li>
 *   <li>{@link #PLAIN_WRITE}: a write without an operation id. Sent again only when nothing was
 *       applied: not sent at all, or refused with {@code Unavailable}, {@code Overloaded} or
 *       {@code SessionUnsatisfied}. After anything that may have applied it, the caller hears
 *       {@code Timeout}.</li>
 * </ul>
 */
enum Resend {
    READ, IDEMPOTENT_WRITE, PLAIN_WRITE;

    static Resend of(ClientRequest request, boolean changesData) {
        if (!changesData) return READ;
        return operationId(request) != 0 ? IDEMPOTENT_WRITE : PLAIN_WRITE;
    }

    /**
     * The request's operation id, 0 when it has none. The one place that knows which requests carry
     * one: a request type that gains an operation id (plain puts and deletes) is added here and in
     * {@link #attempt}, and then fails over and retries like a CRDT update.
     */
    static long operationId(ClientRequest request) {
        if (request instanceof Put put) return put.operationId();
        if (request instanceof Delete delete) return delete.operationId();
        return request instanceof CrdtUpdate update ? update.operationId() : 0;
    }

    /** {@code request} as its attempt number {@code attempt} (1: no earlier attempt may have been applied). */
    static ClientRequest attempt(ClientRequest request, int attempt) {
        assert attempt >= 1 : "attempts count from 1, was " + attempt;
        if (request instanceof CrdtUpdate u) {
            return u.attempt() == attempt ? u : new CrdtUpdate(u.key(), u.operation(), u.operationId(), attempt, u.consistency(), u.durable(),
                    u.session());
        }
        if (request instanceof Put p && p.operationId() != 0) {
            return p.attempt() == attempt ? p : p.withAttempt(attempt); // every other field, the TTL included, as sent first
        }
        if (request instanceof Delete d && d.operationId() != 0) {
            return d.attempt() == attempt ? d : new Delete(d.key(), d.context(), d.consistency(), d.durable(), d.operationId(), attempt,
                    d.session());
        }
        return request;
    }

    /**
     * Whether the request may go on after a node answered {@code kind}: to another node, or (for
     * the kinds that say "later") to the same ones again after a backoff.
     */
    boolean mayRetryAfter(ErrorKind kind) {
        return switch (kind) {
            case UNAVAILABLE, OVERLOADED, SESSION_UNSATISFIED -> true; // nothing applied
            case TIMEOUT -> this != PLAIN_WRITE; // indeterminate: only what carries an operation id, or changes nothing
            case INVALID_REQUEST, TOO_MANY_SIBLINGS, UNAUTHORIZED -> false; // a retry as is cannot change the answer
        };
    }

    /**
     * Whether another round, after a backoff, may help once every node was tried and the last failed
     * with {@code kind}: yes for the kinds that say "later"; for {@code Unavailable} and
     * {@code SessionUnsatisfied} only when {@code unsettledRetry} (an earlier attempt may have been
     * applied, so the coordinator refuses to settle the retry until the replicas that may have it are back).
     */
    static boolean laterMayHelp(ErrorKind kind, boolean unsettledRetry) {
        return switch (kind) {
            case OVERLOADED, TIMEOUT -> true;
            case UNAVAILABLE, SESSION_UNSATISFIED -> unsettledRetry; // a retry that cannot be settled yet: later may help
            case INVALID_REQUEST, TOO_MANY_SIBLINGS, UNAUTHORIZED -> false;
        };
    }

    /** Whether a send whose outcome is unknown (silence, a connection closed after sending) may be followed by another. */
    boolean mayRetryUnknownOutcome() {
        return this != PLAIN_WRITE;
    }

    /** True when an outcome that may have applied the request makes later attempts retries (attempt number above 1). */
    boolean countsAttempts() {
        return this == IDEMPOTENT_WRITE;
    }
}
