package io.chorus.node.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node-wide state of admission, shared by every accepted connection's {@link ConnectionGate}
 * and {@link ClientConnection}: the connection counts, the request byte budget, and the one
 * rate-limited log of refusals.
 */
public final class Admission {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final AdmissionLimits limits;
    private final RequestBytesBudget budget;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final RateLimitedLog refusals = new RateLimitedLog(log);

    public Admission(AdmissionLimits limits) {
        this.limits = limits;
        this.budget = new RequestBytesBudget(limits.requestBytesMax());
    }

    AdmissionLimits limits() {
        return limits;
    }

    public RequestBytesBudget budget() {
        return budget;
    }

    RateLimitedLog refusals() {
        return refusals;
    }

    /** A newly accepted connection: null if admitted (then counted open and pending), else why not. */
    String tryOpen() {
        int nowOpen = open.incrementAndGet();
        int nowPending = pending.incrementAndGet();
        if (nowOpen <= limits.connectionsMax() && nowPending <= limits.pendingConnectionsMax()) return null;
        open.decrementAndGet();
        pending.decrementAndGet();
        return nowOpen > limits.connectionsMax()
                ? "connections at the limit limits.connectionsMax=" + limits.connectionsMax()
                : "connections that have not sent a first frame at the limit limits.pendingConnectionsMax=" + limits.pendingConnectionsMax();
    }

    void identified() {
        pending.decrementAndGet();
    }

    void closed(boolean wasPending) {
        open.decrementAndGet();
        if (wasPending) pending.decrementAndGet();
    }

    public int openConnections() {
        return open.get();
    }

    public int pendingConnections() {
        return pending.get();
    }
}
