package io.chorus.node.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
    private final ConcurrentLinkedDeque<Channel> pending = new ConcurrentLinkedDeque<>(); // oldest first
    private final RateLimitedLog refusals = new RateLimitedLog(log);
    private final LongAdder evicted = new LongAdder();

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

    /**
     * A newly accepted connection: null if admitted (then counted open and pending), else why not.
     * Past {@code limits.pendingConnectionsMax} it is the oldest pending connection that is closed,
     * not the new one: silent connections then cannot lock new clients out, they only shorten each
     * other's time to complete the greeting.
     */
    String tryOpen(Channel channel) {
        if (open.incrementAndGet() > limits.connectionsMax()) {
            open.decrementAndGet();
            return "connections at the limit limits.connectionsMax=" + limits.connectionsMax();
        }
        pending.addLast(channel);
        while (pending.size() > limits.pendingConnectionsMax()) {
            Channel oldest = pending.pollFirst();
            if (oldest == null) break;
            refusals.info("closing the connection from {}: the oldest of more than limits.pendingConnectionsMax={} that have not been"
                    + " welcomed", oldest.remoteAddress(), limits.pendingConnectionsMax());
            evicted.increment();
            oldest.close();
        }
        return null;
    }

    /** The greeting welcomed it: no longer pending. */
    void welcomed(Channel channel) {
        pending.remove(channel);
    }

    void closed(Channel channel) {
        open.decrementAndGet();
        pending.remove(channel);
    }

    /** Pending connections closed to make room for newer ones. */
    public long evictedPending() {
        return evicted.sum();
    }

    public int openConnections() {
        return open.get();
    }

    public int pendingConnections() {
        return pending.size();
    }
}
