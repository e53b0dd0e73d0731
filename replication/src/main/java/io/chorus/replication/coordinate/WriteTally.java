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
 *
 * <p>By default only primaries count (strict quorum). In a sloppy quorum the acknowledgement of a
 * fallback that took a hint counts too, at most one per primary it stands in for. Either way at
 * least {@code primariesRequired} of the acknowledgements must come from primaries (Riak's pw).
 */
public final class WriteTally {
    private final List<NodeId> replicas;
    private final int required;
    private final int primariesRequired;
    private final boolean sloppy;
    private final TreeSet<NodeId> acks = new TreeSet<>();
    private final TreeMap<NodeId, String> failures = new TreeMap<>();
    private final TreeSet<NodeId> fallbackAcks = new TreeSet<>();

    /**
     * @param replicas the key's preference list
     * @param required W: acknowledgements needed, 1..replicas.size()
     */
    public WriteTally(List<NodeId> replicas, int required) {
        this(replicas, required, 0, false);
    }

    /**
     * @param primariesRequired acknowledgements that must come from primaries, 0..replicas.size()
     * @param sloppy            fallbacks' acknowledgements count toward {@code required}
     */
    public WriteTally(List<NodeId> replicas, int required, int primariesRequired, boolean sloppy) {
        if (required < 1 || required > replicas.size()) {
            throw new IllegalArgumentException("required " + required + " is outside 1.." + replicas.size());
        }
        if (primariesRequired < 0 || primariesRequired > replicas.size()) {
            throw new IllegalArgumentException("primaries required " + primariesRequired + " is outside 0.." + replicas.size());
        }
        this.replicas = List.copyOf(replicas);
        this.required = required;
        this.primariesRequired = primariesRequired;
        this.sloppy = sloppy;
    }

    /**
     * Records that {@code fallback} stored a hint of the write for a down or silent primary; it
     * counts toward W only in a sloppy quorum. Returns false if ignored (strict quorum, a primary,
     * a duplicate, or more fallbacks than primaries could be missing).
     */
    public boolean addFallbackAck(NodeId fallback) {
        if (!sloppy || replicas.contains(fallback) || fallbackAcks.contains(fallback)) return false;
        if (acks.size() + fallbackAcks.size() >= replicas.size()) return false; // every primary's place is taken
        fallbackAcks.add(fallback);
        return true;
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
        return countedAcks() >= required && acks.size() >= primariesRequired;
    }

    /** Too many primaries failed for W acknowledgements (or the primaries required) ever to arrive. */
    public boolean isImpossible() {
        int primariesLeft = replicas.size() - failures.size();
        return primariesLeft < primariesRequired || primariesLeft < required;
    }

    /** Acknowledgements that count toward W: the primaries', plus the fallbacks' in a sloppy quorum. */
    public int countedAcks() {
        int counted = acks.size() + fallbackAcks.size();
        if (counted > replicas.size()) throw Invariants.violated("%s acks counted for %s replicas", counted, replicas.size());
        return counted;
    }

    public int primariesRequired() {
        return primariesRequired;
    }

    /** The fallbacks whose acknowledgements counted (empty in a strict quorum). */
    public TreeSet<NodeId> fallbackAcks() {
        return new TreeSet<>(fallbackAcks);
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
