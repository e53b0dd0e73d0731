package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quorum logic of one read, with no messaging (after riak_kv_get_core): feed it each replica's
 * siblings; after R answers the response is their merge; once every replica answered (or time ran
 * out) {@link #repairs()} names the replicas whose state is behind the merge. Duplicate and stray
 * answers are ignored.
 */
public final class ReadTally {
    private final List<NodeId> replicas;
    private final int required;
    private final LinkedHashMap<NodeId, KeyState> replies = new LinkedHashMap<>();
    private KeyState merged = KeyState.empty();

    public ReadTally(List<NodeId> replicas, int required) {
        if (required < 1 || required > replicas.size()) {
            throw new IllegalArgumentException("required " + required + " is outside 1.." + replicas.size());
        }
        this.replicas = List.copyOf(replicas);
        this.required = required;
    }

    /** Records {@code from}'s state of the key; returns false if ignored (stray or duplicate). */
    public boolean addResult(NodeId from, KeyState siblings) {
        if (!replicas.contains(from) || replies.containsKey(from)) return false;
        replies.put(from, siblings);
        merged = merged.merge(siblings);
        if (replies.size() > replicas.size()) throw Invariants.violated("%s replies from %s replicas %s", replies.size(), replicas.size(), replicas);
        return true;
    }

    /** R replicas answered. */
    public boolean isDone() {
        return replies.size() >= required;
    }

    /** Every replica answered: nothing more will come. */
    public boolean isComplete() {
        return replies.size() == replicas.size();
    }

    public int required() {
        return required;
    }

    public int replyCount() {
        return replies.size();
    }

    /** The replicas that answered so far, in the order they did: for the client's receipt. */
    public List<NodeId> responders() {
        return List.copyOf(replies.keySet());
    }

    /** The merge of every answer so far: all concurrent values and the union of their contexts. */
    public KeyState response() {
        return merged;
    }

    /** Every answer so far, by replica, in arrival order. */
    public Map<NodeId, KeyState> replies() {
        return java.util.Collections.unmodifiableMap(replies);
    }

    /** The most recent single answer, unmerged. Only for the injected SKIP_SIBLING_MERGE bug. */
    public KeyState lastReply() {
        KeyState last = KeyState.empty();
        for (KeyState s : replies.values()) last = s;
        return last;
    }

    /** Replicas that answered with something older than the merge, and what to send them. */
    public Map<NodeId, KeyState> repairs() {
        TreeMap<NodeId, KeyState> repairs = new TreeMap<>();
        replies.forEach((node, state) -> {
            if (!state.equals(merged)) repairs.put(node, merged);
        });
        return repairs;
    }
}
