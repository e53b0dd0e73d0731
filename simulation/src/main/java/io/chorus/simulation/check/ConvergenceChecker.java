package io.chorus.simulation.check;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;

import java.util.ArrayList;
import java.util.List;

/**
 * Invariant 4: after heal and quiescence, all replicas of a key hold identical state (same siblings,
 * same context; a replica that holds nothing counts as empty). Only the key's primaries are
 * compared: a node outside the preference list has no promise to keep.
 */
public final class ConvergenceChecker implements Checker {
    @Override
    public String name() {
        return "convergence";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        List<Violation> violations = new ArrayList<>();
        for (Key key : state.keys()) {
            String difference = difference(state, key);
            if (difference != null) violations.add(new Violation(name(), "replicas of " + key + " differ: " + difference));
        }
        return violations;
    }

    /** Null when every replica of {@code key} holds the same state, else each replica's state. */
    static String difference(FinalState state, Key key) {
        List<NodeId> replicas = state.replicasOf(key);
        KeyState first = state.at(replicas.get(0), key);
        boolean same = true;
        for (NodeId replica : replicas) same &= state.at(replica, key).equals(first);
        if (same) return null;
        StringBuilder b = new StringBuilder();
        for (NodeId replica : replicas) {
            if (b.length() > 0) b.append("; ");
            b.append(replica).append(' ').append(FinalState.describe(state.at(replica, key)));
        }
        return b.toString();
    }
}
