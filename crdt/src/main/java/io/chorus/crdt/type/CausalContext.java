package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;

import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The set of events (dots) a CRDT state has seen, kept as a version vector plus a "dot cloud":
 * the dots seen out of order, past a gap. A full state that has every delta has an empty cloud,
 * so its context is just a version vector: one entry per node.
 *
 * <p>Why the cloud: a delta carries only the dots it touched (its new dot and the dots it
 * replaced), not a downward-closed vector, and deltas may arrive in any order. Merging one past a
 * gap must remember exactly which dots it brought. Once the gap fills, the dots fold into the
 * vector ({@link #compact()} grows, the cloud shrinks): no per-element or per-removal tombstone is
 * ever kept.
 *
 * <p>Canonical form (an invariant, so equal sets of dots give equal objects): no cloud dot is in
 * the vector, and no cloud dot directly follows its actor's vector entry. Immutable.
 */
public final class CausalContext {
    public static final CausalContext EMPTY = new CausalContext(VersionVector.empty(), new TreeSet<>());

    private final VersionVector compact;
    private final NavigableSet<Dot> cloud;

    private CausalContext(VersionVector compact, NavigableSet<Dot> cloud) {
        this.compact = compact;
        this.cloud = Collections.unmodifiableNavigableSet(cloud);
        assert isCanonical() : "causal context not canonical: " + this;
    }

    /** The events of {@code vector}. */
    public static CausalContext of(VersionVector vector) {
        return vector.isEmpty() ? EMPTY : new CausalContext(vector, new TreeSet<>());
    }

    /** The events of {@code vector} plus {@code dots}, in canonical form. */
    public static CausalContext of(VersionVector vector, Collection<Dot> dots) {
        return normalized(vector, new TreeSet<>(dots));
    }

    /** Exactly the events {@code dots}. */
    public static CausalContext ofDots(Collection<Dot> dots) {
        return of(VersionVector.empty(), dots);
    }

    /** True when this context has seen the event {@code dot}. */
    public boolean contains(Dot dot) {
        return compact.contains(dot) || cloud.contains(dot);
    }

    /** This context with {@code dot} seen. */
    public CausalContext with(Dot dot) {
        if (contains(dot)) return this;
        if (cloud.isEmpty() && compact.get(dot.actor()) + 1 == dot.counter()) {
            return new CausalContext(compact.with(dot), new TreeSet<>());
        }
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.add(dot);
        return normalized(compact, dots);
    }

    /** The union of both sets of events. Commutative, associative, idempotent. */
    public CausalContext merge(CausalContext other) {
        if (other == this || other.descends(this)) return other;
        if (descends(other)) return this;
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.addAll(other.cloud);
        return normalized(compact.merge(other.compact), dots);
    }

    /** True when this context has seen every event {@code other} has. */
    public boolean descends(CausalContext other) {
        if (!compact.descends(other.compact)) return false;
        for (Dot dot : other.cloud) {
            if (!contains(dot)) return false;
        }
        return true;
    }

    /**
     * The next event {@code actor} mints: past every dot of {@code actor} seen, so a node that
     * mints from its own state never reuses a dot.
     */
    public Dot nextDot(String actor) {
        long highest = compact.get(actor);
        Dot last = cloud.floor(new Dot(actor, Long.MAX_VALUE));
        if (last != null && last.actor().equals(actor)) highest = Math.max(highest, last.counter());
        return new Dot(actor, Math.addExact(highest, 1));
    }

    /** The downward-closed part: per actor, every event up to the counter. */
    public VersionVector compact() {
        return compact;
    }

    /** The events seen past a gap, sorted; empty once every delta has arrived. */
    public NavigableSet<Dot> cloud() {
        return cloud;
    }

    public boolean isEmpty() {
        return compact.isEmpty() && cloud.isEmpty();
    }

    /** Folds cloud dots that extend the vector into it; drops those it already holds. */
    private static CausalContext normalized(VersionVector vector, TreeSet<Dot> dots) {
        VersionVector compact = vector;
        TreeSet<Dot> cloud = new TreeSet<>();
        // Sorted by actor, then counter: once an actor shows a gap, its later dots stay past it.
        for (Dot dot : dots) {
            if (compact.contains(dot)) continue;
            if (compact.get(dot.actor()) + 1 == dot.counter()) compact = compact.with(dot);
            else cloud.add(dot);
        }
        if (compact.isEmpty() && cloud.isEmpty()) return EMPTY;
        return new CausalContext(compact, cloud);
    }

    private boolean isCanonical() {
        for (Dot dot : cloud) {
            if (compact.get(dot.actor()) + 1 >= dot.counter()) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CausalContext c && compact.equals(c.compact) && cloud.equals(c.cloud);
    }

    @Override
    public int hashCode() {
        return Objects.hash(compact, cloud);
    }

    @Override
    public String toString() {
        return cloud.isEmpty() ? compact.toString() : compact + "+" + cloud;
    }
}
