package io.chorus.client;

import java.time.Duration;

/**
 * How often, and after what wait, a request is sent again (see {@link ClientBuilder#attemptsMax}
 * and {@link ClientBuilder#retryBackoff}). Which failures may be retried, and where, is
 * {@link Resend}'s business; this says only how many sends and how long to wait. Immutable.
 *
 * <p>Backoff before round {@code r + 1} (a round: each candidate node tried once) is drawn with
 * <em>full jitter</em>: uniformly in {@code [0, min(backoffMax, backoffFirst * 2^(r-1))]}, so that
 * clients that failed together spread their retries over the whole interval instead of retrying in
 * step (the AWS architecture note "Exponential Backoff and Jitter"). A move to a node not yet tried
 * in the round waits nothing: it is a different node.
 *
 * @param attemptsMax        sends of one request in all, the first included (1 = never retry)
 * @param backoffFirstMillis the largest wait before the second round, before jitter
 * @param backoffMaxMillis   the largest wait between two rounds
 */
record RetryPolicy(int attemptsMax, long backoffFirstMillis, long backoffMaxMillis) {
    /** Attempts past this are refused: a bound keeps a stuck operation from retrying for hours. */
    static final int ATTEMPTS_MAX_LIMIT = 1_000;
    /** The longest wait between attempts that can be configured: ten minutes. */
    static final long BACKOFF_MAX_LIMIT_MILLIS = 600_000;
    static final RetryPolicy DEFAULTS = new RetryPolicy(5, 50, 1_000);

    RetryPolicy {
        if (attemptsMax < 1 || attemptsMax > ATTEMPTS_MAX_LIMIT) {
            throw new IllegalArgumentException("attemptsMax must be 1.." + ATTEMPTS_MAX_LIMIT + ", was " + attemptsMax);
        }
        if (backoffFirstMillis < 0 || backoffMaxMillis < backoffFirstMillis || backoffMaxMillis > BACKOFF_MAX_LIMIT_MILLIS) {
            throw new IllegalArgumentException("retryBackoff needs 0 <= first <= max <= " + BACKOFF_MAX_LIMIT_MILLIS
                    + " ms, was first " + backoffFirstMillis + " ms, max " + backoffMaxMillis + " ms");
        }
    }

    static RetryPolicy of(int attemptsMax, Duration backoffFirst, Duration backoffMax) {
        return new RetryPolicy(attemptsMax, backoffFirst.toMillis(), backoffMax.toMillis());
    }

    /** True while a request sent {@code sends} times may be sent once more. */
    boolean allowsAnother(int sends) {
        assert sends >= 1 : "a retry follows a send, sends " + sends;
        return sends < attemptsMax;
    }

    /** The wait before round {@code failedRounds + 1} before jitter: doubles per round, capped. */
    long backoffCapMillis(int failedRounds) {
        assert failedRounds >= 1 : "rounds count from 1, was " + failedRounds;
        long cap = backoffFirstMillis;
        for (int doubling = 1; doubling < failedRounds && cap < backoffMaxMillis; doubling++) cap *= 2; // stops before it can overflow
        return Math.min(cap, backoffMaxMillis);
    }

    /** The wait before round {@code failedRounds + 1}; {@code jitter} in [0, 1) picks within [0, cap] (full jitter). */
    long backoffMillis(int failedRounds, double jitter) {
        assert jitter >= 0 && jitter < 1 : "jitter " + jitter;
        long cap = backoffCapMillis(failedRounds);
        long wait = (long) Math.floor(cap * jitter);
        assert wait >= 0 && wait <= cap : "wait " + wait + " outside [0, " + cap + "]";
        return wait;
    }
}
