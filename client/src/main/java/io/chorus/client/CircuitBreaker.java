package io.chorus.client;

/**
 * The client's circuit breaker for one node. {@code failuresToOpen} failures in a row open it:
 * requests then go to the key's other replicas first and reach this node only when no other node
 * can take them. After {@code openMillis} the next request routed here is a probe (the breaker is
 * half-open); its success closes the breaker, its failure opens it again. A probe that never
 * finishes (its call was answered by another node first) lets another probe go after
 * {@code openMillis}.
 *
 * <p>What counts as a failure is the caller's choice ({@code RequestCall} counts what this node,
 * not the cluster, is to blame for). Thread-safe: the state is volatile for the common read, and
 * changes are synchronized (a few per failure, none per success while closed).
 */
final class CircuitBreaker {
    private final int failuresToOpen;
    private final long openNanos;
    private volatile BreakerState state = BreakerState.CLOSED;
    private volatile int failuresInRow; // written under this; read without it on the success path
    private long failuresTotal; // guarded by this
    private long opened; // guarded by this
    private long reopenAtNanos; // guarded by this; OPEN: when a probe may go; HALF_OPEN: when another may

    /**
     * @param failuresToOpen failures in a row that open the breaker, at least 1
     * @param openMillis     how long it stays open before a probe, at least 1
     */
    CircuitBreaker(int failuresToOpen, long openMillis) {
        if (failuresToOpen < 1 || failuresToOpen > 1_000) throw new IllegalArgumentException("breakerFailuresToOpen must be 1..1000, was " + failuresToOpen);
        if (openMillis < 1 || openMillis > 600_000) throw new IllegalArgumentException("breakerOpen must be 1 ms..10 min, was " + openMillis + " ms");
        this.failuresToOpen = failuresToOpen;
        this.openNanos = openMillis * 1_000_000;
    }

    BreakerState state() {
        return state;
    }

    /** True when a request may be routed here in turn: closed, or open long enough for a probe. */
    boolean admits(long nowNanos) {
        if (state == BreakerState.CLOSED) return true;
        synchronized (this) {
            return nowNanos - reopenAtNanos >= 0;
        }
    }

    /** A request is being sent here: if the breaker admits a probe, this is it. */
    void onSend(long nowNanos) {
        if (state == BreakerState.CLOSED) return;
        synchronized (this) {
            if (state != BreakerState.CLOSED && nowNanos - reopenAtNanos >= 0) {
                state = BreakerState.HALF_OPEN;
                reopenAtNanos = nowNanos + openNanos; // another probe only if this one never finishes
            }
        }
    }

    void onSuccess() {
        if (state == BreakerState.CLOSED && failuresInRow == 0) return; // the common case: no lock
        synchronized (this) {
            failuresInRow = 0;
            state = BreakerState.CLOSED;
        }
    }

    synchronized void onFailure(long nowNanos) {
        failuresInRow++;
        failuresTotal++;
        boolean opens = state == BreakerState.HALF_OPEN || (state == BreakerState.CLOSED && failuresInRow >= failuresToOpen);
        if (opens) {
            state = BreakerState.OPEN;
            opened++;
            reopenAtNanos = nowNanos + openNanos;
        }
        assert state != BreakerState.CLOSED || failuresInRow < failuresToOpen : "closed with " + failuresInRow + " failures in a row";
    }

    int failuresInRow() {
        return failuresInRow;
    }

    synchronized long failuresTotal() {
        return failuresTotal;
    }

    /** Times the breaker opened (from closed or half-open). */
    synchronized long timesOpened() {
        return opened;
    }
}
