package io.chorus.simulation.check;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invariant 3: every value read, and every value a replica holds at the end, was written by a client
 * put to that key which may have taken effect, and (for reads) was invoked before the read ended.
 * A value of a put that definitely failed (an error that the contract says applied nothing, or a
 * request that never reached a node) must never be seen. Values are unique per put, so a value
 * names its write; and one put is one version: a value stored under two dots was applied twice
 * (a duplicated message minted again), a version no client wrote. Conversely one dot is one
 * version: a dot minted twice (a replica that forgot it had minted it, say after a power loss, and
 * did not take a new actor) names two versions, which every merge then takes for one.
 */
public final class NoPhantomChecker implements Checker {
    @Override
    public String name() {
        return "phantoms";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        Map<String, Op> putsByValue = new HashMap<>(); // looked up only
        for (Op op : history.ops()) {
            if (op.type().putsValue()) putsByValue.put(op.invocation().value(), op);
        }
        List<Violation> violations = new ArrayList<>();
        for (Op op : history.ops()) {
            if (!op.type().readsValues() || !op.isOk()) continue;
            for (String value : op.valuesRead()) {
                String problem = problemWith(value, op.key(), putsByValue.get(value));
                if (problem == null && putsByValue.get(value).invokedMicros() > op.completedMicros()) {
                    problem = "its put " + putsByValue.get(value).describe() + " started after the read ended";
                }
                if (problem != null) violations.add(new Violation(name(), op.describe() + " returned value " + value + ": " + problem));
            }
        }
        for (Op put : history.ops()) { // not the map: explanations come out in op order
            if (put.type().putsValue() && history.dotsOf(put.invocation().value()).size() > 1) {
                violations.add(new Violation(name(), put.describe() + " was applied more than once: its value was minted as "
                        + history.dotsOf(put.invocation().value())));
            }
        }
        for (String reuse : history.dotsMintedTwice()) violations.add(new Violation(name(), reuse));
        for (NodeId node : state.nodes()) {
            state.entriesOf(node).forEach((key, siblings) -> {
                for (Sibling sibling : siblings.siblings()) {
                    if (sibling.isTombstone()) continue;
                    String value = FinalState.valueOf(sibling);
                    String problem = problemWith(value, key, putsByValue.get(value));
                    if (problem != null) violations.add(new Violation(name(), node + " holds " + key + " " + sibling.dot() + "=" + value + " at the end: " + problem));
                }
            });
        }
        return violations;
    }

    /** Why {@code value}, seen under {@code key}, could not have been written; null if it could. */
    private static String problemWith(String value, Key key, Op put) {
        if (put == null) return "no client ever wrote it";
        if (!put.key().equals(key)) return "it was written to another key by " + put.describe();
        if (put.outcome() == Outcome.FAIL) return "its put definitely failed (nothing may be applied): " + put.describe();
        return null;
    }
}
