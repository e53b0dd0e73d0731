package io.chorus.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's allowance of retries: retries stop when more than {@code retryShareMax} of recent
 * requests would be retries. A retry storm (every request retried against a struggling cluster)
 * multiplies the load exactly when the cluster can least take it; the budget keeps the extra load a
 * bounded share. The same token bucket as gRPC's retry throttling and Finagle's retry budget: each
 * first send deposits {@code retryShareMax} of a token, each retry (or hedge) withdraws one; the
 * balance is capped at {@code retriesBurstMax} tokens, which is also where it starts, so a client
 * that just connected can retry a burst at once, and "recent" means the requests that refilled the
 * last {@code retriesBurstMax} tokens.
 *
 * <p>Thread-safe and lock-free (one compare-and-set per first send and per retry).
 */
final class RetryBudget {
    /** Tokens are counted in thousandths, so that a share like 0.1 adds whole units. */
    private static final long MILLI = 1_000;
    /** The largest burst that can be configured: a bound on how many retries can follow a calm period. */
    static final int RETRIES_BURST_LIMIT = 1_000_000;

    private final long depositMilli;
    private final long balanceMaxMilli;
    private final double retryShareMax;
    private final AtomicLong balanceMilli;

    /**
     * @param retryShareMax   the share of requests that may be retries, in (0, 1]
     * @param retriesBurstMax retries allowed at once after a calm period, at least 1
     */
    RetryBudget(double retryShareMax, int retriesBurstMax) {
        if (!(retryShareMax > 0 && retryShareMax <= 1)) {
            throw new IllegalArgumentException("retryBudget share must be in (0, 1], was " + retryShareMax);
        }
        if (retriesBurstMax < 1 || retriesBurstMax > RETRIES_BURST_LIMIT) {
            throw new IllegalArgumentException("retryBudget burst must be 1.." + RETRIES_BURST_LIMIT + " retries, was " + retriesBurstMax);
        }
        this.retryShareMax = retryShareMax;
        this.depositMilli = Math.max(1, Math.round(retryShareMax * MILLI));
        this.balanceMaxMilli = retriesBurstMax * MILLI;
        this.balanceMilli = new AtomicLong(balanceMaxMilli);
    }

    /** A request's first send: it earns a share of a retry. */
    void onFirstSend() {
        long now = balanceMilli.get();
        if (now >= balanceMaxMilli) return; // full: no write, the common case under no failures
        balanceMilli.accumulateAndGet(depositMilli, (balance, deposit) -> Math.min(balanceMaxMilli, balance + deposit));
    }

    /** Takes one retry from the budget; false (and nothing taken) when the budget is spent. */
    boolean tryRetry() {
        while (true) {
            long balance = balanceMilli.get();
            if (balance < MILLI) return false;
            if (balanceMilli.compareAndSet(balance, balance - MILLI)) return true;
        }
    }

    /** Says why a retry was refused, for the error message. */
    String describe() {
        return "retry budget spent: retries may be at most " + Math.round(retryShareMax * 100) + "% of recent requests"
                + " after a burst of " + balanceMaxMilli / MILLI + " (retryBudget)";
    }

    /** Whole retries left now, for monitoring. */
    long retriesAvailable() {
        return balanceMilli.get() / MILLI;
    }
}
