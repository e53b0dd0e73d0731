package io.chorus.client;

import io.chorus.replication.message.ErrorKind;

import java.time.Duration;

/**
 * When and how often a CRDT update is sent again under the same operation id (see
 * {@link ChorusClient.Builder#crdtAttemptsMax} and {@link ChorusClient.Builder#crdtRetryBackoff}).
 * Immutable.
 *
 * <p>Retried: {@code Timeout} (no answer in time, or the connection closed after the request was
 * sent: it may have been applied) and {@code Overloaded} (refused at once). {@code Unavailable} is
 * retried only when it answers a retry: it then means "cannot settle yet, a replica that may have
 * applied the operation is down", and waiting can help; on a first attempt it means too few
 * replicas are up for the level, which the caller should hear at once. Never retried:
 * {@code InvalidRequest} and every other kind, which a retry cannot change.
 *
 * <p>Backoff before attempt {@code n + 1} is {@code backoffFirstMillis * 2^(n-1)}, capped at
 * {@code backoffMaxMillis}, then scaled by a random factor in [0.5, 1] so that clients that failed
 * together do not retry in step.
 *
 * @param attemptsMax       attempts in all, the first included (1 = never retry)
 * @param backoffFirstMillis wait before the second attempt, before jitter
 * @param backoffMaxMillis   the largest wait between two attempts
 */
record RetryPolicy(int attemptsMax, long backoffFirstMillis, long backoffMaxMillis) {
    /** Attempts past this are refused: a bound keeps a stuck operation from retrying for hours. */
    static final int ATTEMPTS_MAX_LIMIT = 1_000;
    /** The longest wait between attempts that can be configured: ten minutes. */
    static final long BACKOFF_MAX_LIMIT_MILLIS = 600_000;
    static final RetryPolicy DEFAULTS = new RetryPolicy(5, 50, 1_000);

    RetryPolicy {
        if (attemptsMax < 1 || attemptsMax > ATTEMPTS_MAX_LIMIT) {
            throw new IllegalArgumentException("crdtAttemptsMax must be 1.." + ATTEMPTS_MAX_LIMIT + ", was " + attemptsMax);
        }
        if (backoffFirstMillis < 0 || backoffMaxMillis < backoffFirstMillis || backoffMaxMillis > BACKOFF_MAX_LIMIT_MILLIS) {
            throw new IllegalArgumentException("crdtRetryBackoff needs 0 <= first <= max <= " + BACKOFF_MAX_LIMIT_MILLIS
                    + " ms, was first " + backoffFirstMillis + " ms, max " + backoffMaxMillis + " ms");
        }
    }

    static RetryPolicy of(int attemptsMax, Duration backoffFirst, Duration backoffMax) {
        return new RetryPolicy(attemptsMax, backoffFirst.toMillis(), backoffMax.toMillis());
    }

    /** Whether a failure of kind {@code kind}, answering attempt number {@code attempt}, is worth another attempt. */
    boolean retries(ErrorKind kind, int attempt) {
        assert attempt >= 1 : "attempts count from 1, was " + attempt;
        if (attempt >= attemptsMax) return false;
        return switch (kind) {
            case TIMEOUT, OVERLOADED -> true;
            case UNAVAILABLE -> attempt > 1;
            case INVALID_REQUEST, SESSION_UNSATISFIED, TOO_MANY_SIBLINGS, UNAUTHORIZED -> false;
        };
    }

    /** The wait before attempt {@code failedAttempt + 1}; {@code jitter} in [0, 1) picks within [half, full]. */
    long backoffMillis(int failedAttempt, double jitter) {
        assert failedAttempt >= 1 && jitter >= 0 && jitter < 1 : "attempt " + failedAttempt + ", jitter " + jitter;
        long full = backoffFirstMillis;
        for (int doubling = 1; doubling < failedAttempt && full < backoffMaxMillis; doubling++) full *= 2; // stops before it can overflow
        full = Math.min(full, backoffMaxMillis);
        return Math.round(full * (0.5 + jitter / 2));
    }

    /**
     * How long a whole update may take, every attempt timing out and every backoff at its largest:
     * the bound a blocking call waits before it gives up on the client's own bookkeeping.
     */
    long worstCaseMillis(long requestTimeoutMillis) {
        return attemptsMax * requestTimeoutMillis + (attemptsMax - 1) * backoffMaxMillis;
    }
}
