package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.ring.NodeId;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The quorum logic of one write, with no messaging: feed it acknowledgements and failures from the
 * replicas, ask whether it is done and how it went. Duplicate answers and answers from nodes that
 * are not replicas of the key are ignored, so a duplicated or stray message cannot count twice.
 */
public final class WriteTally {
    private final List<NodeId> replicas;
    private final int required;
    private final TreeSet<NodeId> acks = new TreeSet<>();
    private final TreeMap<NodeId, String> failures = new TreeMap<>();

    /**
     * @param replicas the key's preference list
     * @param required W: acknowledgements needed, 1..replicas.size()
     */
    public WriteTally(List<NodeId> replicas, int required) {
        if (required < 1 || required > replicas.size()) {
            throw new IllegalArgumentException("required " + required + " is outside 1.." + replicas.size());
        }
        this.replicas = List.copyOf(replicas);
        this.required = required;
    }

    /** Records that {@code from} stored the write; returns false if ignored (stray or duplicate). */
    public boolean addAck(NodeId from) {
        if (!replicas.contains(from) || failures.containsKey(from)) return false;
        boolean added = acks.add(from);
        answersWithinReplicas();
        return added;
    }

    /** Each replica answers at most once, ack or failure: more answers than replicas is a bookkeeping bug. */
    private void answersWithinReplicas() {
        if (acks.size() + failures.size() > replicas.size()) {
            throw Invariants.violated("%s acks and %s failures from %s replicas", acks.size(), failures.size(), replicas.size());
        }
    }

    /** Records that {@code from} refused or could not store the write. */
    public boolean addFailure(NodeId from, String reason) {
        if (!replicas.contains(from) || acks.contains(from) || failures.containsKey(from)) return false;
        failures.put(from, reason);
        answersWithinReplicas();
        return true;
    }

    /** Whether {@code replica} acknowledged or refused. */
    public boolean hasAnswered(NodeId replica) {
        return acks.contains(replica) || failures.containsKey(replica);
    }

    public boolean isDone() {
        return isSuccess() || isImpossible();
    }

    public boolean isSuccess() {
        return acks.size() >= required;
    }

    /** Too many replicas failed for W acknowledgements ever to arrive. */
    public boolean isImpossible() {
        return replicas.size() - failures.size() < required;
    }

    public int required() {
        return required;
    }

    public int ackCount() {
        return acks.size();
    }

    public TreeSet<NodeId> acks() {
        return new TreeSet<>(acks);
    }

    public TreeMap<NodeId, String> failures() {
        return new TreeMap<>(failures);
    }
}
