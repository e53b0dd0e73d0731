package io.chorus.simulation.check;

import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Micros;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An expired value is never returned. A TTL put's expiry is its coordinator's clock when it received
 * the put plus the TTL; an acknowledged put was received before its acknowledgement, so its expiry
 * is at most the latest any node's clock read at the acknowledgement, plus the TTL (clocks only go
 * forward). A get answers after it was invoked, filtering by its coordinator's clock; so a get whose
 * coordinator's clock, at the get's invocation, had passed that bound must not return the value.
 * Clocks are the simulated ones, offsets and drift included: the check holds under any skew. Puts
 * that were not acknowledged (their expiry has no bound the client saw) are not judged.
 */
public final class TtlExpiryChecker implements Checker {
    @Override
    public String name() {
        return "expiry";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        Map<String, Op> putsByValue = new HashMap<>(); // looked up only
        for (Op op : history.ops()) {
            if (op.type() == OpType.TTL_PUT) putsByValue.put(op.invocation().value(), op);
        }
        List<Violation> violations = new ArrayList<>();
        for (Op get : history.ops()) {
            if (get.type() != OpType.TTL_GET || !get.isOk()) continue;
            Long readerClock = history.wallMillisAt(get.invocation().coordinator(), get.invokedMicros());
            if (readerClock == null) continue;
            for (String value : get.valuesRead()) {
                Op put = putsByValue.get(value);
                if (put == null || !put.isOk()) continue; // phantoms judges the first; the second has no bound
                long expiresBy = latestExpiryMillis(history, put);
                if (readerClock >= expiresBy) {
                    violations.add(new Violation(name(), get.describe() + " returned " + value + " after it expired: "
                            + put.describe() + " with a TTL of " + history.ttlMillisOf(put.id()) + "ms expired by " + expiresBy
                            + " on every clock, and " + get.invocation().coordinator() + "'s clock read " + readerClock
                            + " when the get was invoked (" + Micros.format(get.invokedMicros()) + ")"));
                }
            }
        }
        return violations;
    }

    /** The latest expiry the acknowledged {@code put} can have: any node's clock at its acknowledgement, plus its TTL. */
    static long latestExpiryMillis(History history, Op put) {
        long latest = Long.MIN_VALUE;
        for (NodeId node : history.clockedNodes()) latest = Math.max(latest, history.wallMillisAt(node, put.completedMicros()));
        return latest + history.ttlMillisOf(put.id());
    }
}
