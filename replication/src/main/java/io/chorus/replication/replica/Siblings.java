package io.chorus.replication.replica;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a replica stores for one key: a dotted version vector set. {@code context} is every event
 * this object has seen; each sibling carries the dot that minted it. A sibling whose dot is in the
 * context of a newer write has been superseded and is gone; the siblings left are pairwise
 * concurrent. Immutable.
 *
 * <p>Invariants (checked on construction when assertions are on): dots are distinct, sorted, and
 * all included in {@code context}.
 */
public final class Siblings {
    private static final Siblings EMPTY = new Siblings(VersionVector.empty(), List.of());

    private final VersionVector context;
    private final List<Sibling> siblings;
    private long digest; // lazily computed; 0 = not yet

    private Siblings(VersionVector context, List<Sibling> sortedSiblings) {
        this.context = context;
        this.siblings = sortedSiblings;
        assert isWellFormed() : "malformed siblings " + this;
    }

    public static Siblings empty() {
        return EMPTY;
    }

    /** Rebuilds stored or decoded siblings; rejects malformed input with a reason. */
    public static Siblings of(VersionVector context, List<Sibling> siblings) {
        List<Sibling> sorted = new ArrayList<>(siblings);
        sorted.sort((a, b) -> a.dot().compareTo(b.dot()));
        for (int i = 0; i < sorted.size(); i++) {
            Dot dot = sorted.get(i).dot();
            if (!context.contains(dot)) throw new IllegalArgumentException("sibling dot " + dot + " is outside context " + context);
            if (i > 0 && sorted.get(i - 1).dot().equals(dot)) throw new IllegalArgumentException("duplicate sibling dot " + dot);
        }
        return new Siblings(context, Collections.unmodifiableList(sorted));
    }

    /**
     * A client write minted by {@code actor}: the new value (null for a delete) supersedes exactly
     * the versions {@code clientContext} has seen; every other sibling stays. The new dot is past
     * both this object's and the client's events of {@code actor}, so it is never reused.
     */
    public Siblings update(VersionVector clientContext, byte[] valueOrNull, String actor) {
        VersionVector seen = context.merge(clientContext);
        Dot dot = seen.nextDot(actor);
        List<Sibling> kept = new ArrayList<>(siblings.size() + 1);
        for (Sibling s : siblings) {
            if (!clientContext.contains(s.dot())) kept.add(s);
        }
        kept.add(new Sibling(dot, valueOrNull));
        return of(seen.with(dot), kept);
    }

    /** How many siblings {@link #update} with this client context would leave. */
    public int sizeAfterUpdate(VersionVector clientContext) {
        int kept = 1;
        for (Sibling s : siblings) {
            if (!clientContext.contains(s.dot())) kept++;
        }
        return kept;
    }

    /**
     * Synchronises two replicas' states: a sibling survives unless the other side has seen its dot
     * and dropped it. Commutative, associative and idempotent.
     */
    public Siblings merge(Siblings other) {
        if (this == other || other.context.equals(context) && other.siblings.equals(siblings)) return this;
        List<Sibling> kept = new ArrayList<>(siblings.size() + other.siblings.size());
        for (Sibling s : siblings) {
            if (!other.context.contains(s.dot()) || other.hasDot(s.dot())) kept.add(s);
        }
        for (Sibling s : other.siblings) {
            if (!context.contains(s.dot())) kept.add(s);
        }
        return of(context.merge(other.context), kept);
    }

    private boolean hasDot(Dot dot) {
        for (Sibling s : siblings) {
            if (s.dot().equals(dot)) return true;
        }
        return false;
    }

    public VersionVector context() {
        return context;
    }

    /** Siblings in dot order, tombstones included. */
    public List<Sibling> siblings() {
        return siblings;
    }

    public int size() {
        return siblings.size();
    }

    public boolean isEmpty() {
        return siblings.isEmpty() && context.isEmpty();
    }

    /** Values of the live (non-tombstone) siblings, in dot order. Empty: not found or deleted. */
    public List<byte[]> liveValues() {
        List<byte[]> values = new ArrayList<>(siblings.size());
        for (Sibling s : siblings) {
            if (!s.isTombstone()) values.add(s.value());
        }
        return values;
    }

    /** A stable 64-bit hash of the whole state (context, dots, values), for anti-entropy. */
    public long digest() {
        if (digest != 0) return digest;
        long h = 0x84222325CBF29CE4L;
        for (var e : context.toMap().entrySet()) h = mix(mix(h, e.getKey().hashCode()), e.getValue());
        for (Sibling s : siblings) {
            h = mix(mix(mix(h, s.dot().actor().hashCode()), s.dot().counter()), s.isTombstone() ? -1 : io.chorus.replication.ring.KeyHash.hash64(s.value()));
        }
        digest = h == 0 ? 1 : h;
        return digest;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001B3L;
        return h ^ (h >>> 29);
    }

    private boolean isWellFormed() {
        for (int i = 0; i < siblings.size(); i++) {
            Dot dot = siblings.get(i).dot();
            if (!context.contains(dot)) return false;
            if (i > 0 && siblings.get(i - 1).dot().compareTo(dot) >= 0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Siblings s && context.equals(s.context) && siblings.equals(s.siblings);
    }

    @Override
    public int hashCode() {
        return context.hashCode() * 31 + siblings.hashCode();
    }

    @Override
    public String toString() {
        return "Siblings" + siblings + "@" + context;
    }
}
