package io.chorus.replication.coordinate;

import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a read that carries a session token must include, with no messaging: for every proof set
 * the token holds for the key's partition, one of its nodes must answer in the epoch the token
 * names (its state then holds at least what that part of the session wrote or saw: a node's state
 * only grows within an epoch). A member that answers in another epoch cannot prove it; when every
 * member of a set did, nobody can, so the read fails with SessionUnsatisfied instead of answering
 * with what might be older than the session saw.
 */
final class SessionRequirement {
    private final List<Map<NodeId, Long>> sets; // each: node -> the epoch the token names
    private final boolean[] hit;
    private final Set<NodeId> wrongEpoch = new TreeSet<>();
    private String unsatisfiable; // non-null once no answer can meet the token

    SessionRequirement(SessionToken token, int partition, boolean ignored) {
        this.sets = ignored ? List.of() : token.proofsFor(partition);
        this.hit = new boolean[sets.size()];
        if (!ignored && token.unprovable(partition)) {
            unsatisfiable = "every node that could prove part of what the session saw in partition " + partition
                    + " has restarted uncleanly since, so no replica can prove it holds what the session saw; start a new session";
        }
    }

    /** The nodes that may have to answer, besides the read's R replicas: every member of every set. */
    Set<NodeId> nodes() {
        Set<NodeId> nodes = new TreeSet<>();
        for (Map<NodeId, Long> set : sets) nodes.addAll(set.keySet());
        return nodes;
    }

    /** {@code from} answered the read, in actor epoch {@code epoch}. */
    void answered(NodeId from, long epoch) {
        for (int i = 0; i < sets.size(); i++) {
            Long wanted = sets.get(i).get(from);
            if (wanted == null) continue;
            if (wanted == epoch) {
                hit[i] = true;
                continue;
            }
            wrongEpoch.add(from);
            if (unsatisfiable == null && !hit[i] && wrongEpoch.containsAll(sets.get(i).keySet())) {
                unsatisfiable = from + " answered in epoch " + epoch + " but the session saw its state in epoch " + wanted
                        + ", and no other node of " + sets.get(i) + " (node=epoch) can prove that part of the session: they restarted"
                        + " uncleanly since and cannot prove they still hold what the session saw; start a new session";
            }
        }
    }

    boolean isMet() {
        if (unsatisfiable != null) return false;
        for (boolean h : hit) if (!h) return false;
        return true;
    }

    boolean isUnsatisfiable() {
        return unsatisfiable != null;
    }

    /** Why the read cannot be answered (yet): for the SessionUnsatisfied message. */
    String shortfall() {
        if (unsatisfiable != null) return unsatisfiable;
        List<Map<NodeId, Long>> missing = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) if (!hit[i]) missing.add(sets.get(i));
        return "the session's view in this key's partition is proved by one node of each of " + missing
                + " (node=epoch), and none of them answered";
    }
}
