package io.chorus.replication.coordinate;

import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a read that carries a session token must include, with no messaging: every node the token
 * names for the key's partition must answer, in the epoch the token names (its state then holds
 * at least what the session saw of it: a node's state only grows within an epoch). A node that
 * answers in another epoch cannot prove that, and nobody else can for it, so the read fails with
 * SessionUnsatisfied instead of answering with what might be older than the session saw.
 */
final class SessionRequirement {
    private final Map<NodeId, Long> required; // node -> the epoch the token names
    private final Set<NodeId> answered = new TreeSet<>();
    private String unsatisfiable; // non-null once no answer can meet the token

    SessionRequirement(SessionToken token, int partition, boolean ignored) {
        this.required = ignored ? Map.of() : token.requiredFor(partition);
        if (!ignored && token.unprovable(partition)) {
            unsatisfiable = "a node whose state of partition " + partition + " the session saw has restarted uncleanly since, so no"
                    + " replica can prove it holds what the session saw; start a new session";
        }
    }

    /** The nodes that must answer, besides the read's R replicas. */
    Set<NodeId> nodes() {
        return new TreeSet<>(required.keySet());
    }

    /** {@code from} answered the read, in actor epoch {@code epoch}. */
    void answered(NodeId from, long epoch) {
        Long wanted = required.get(from);
        if (wanted == null) return;
        if (wanted == epoch) {
            answered.add(from);
        } else if (unsatisfiable == null) {
            unsatisfiable = from + " answered in epoch " + epoch + " but the session saw its state in epoch " + wanted
                    + ": it restarted uncleanly since and cannot prove it still holds what the session saw; start a new session";
        }
    }

    boolean isMet() {
        return unsatisfiable == null && answered.size() == required.size();
    }

    boolean isUnsatisfiable() {
        return unsatisfiable != null;
    }

    /** Why the read cannot be answered (yet): for the SessionUnsatisfied message. */
    String shortfall() {
        if (unsatisfiable != null) return unsatisfiable;
        TreeMap<NodeId, Long> missing = new TreeMap<>(required);
        missing.keySet().removeAll(answered);
        return "the session saw the states of " + missing + " (node=epoch) in this key's partition, and they did not answer";
    }
}
