package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A replicated value that merges instead of producing siblings. Every type is a delta-state
 * causal CRDT: a <em>dot store</em> (the events its current value rests on, each a {@link Dot}
 * minted by a node) plus the {@link CausalContext} of every event it has seen. A dot the context
 * has seen but the store lacks was overwritten or removed; that is how a merge tells "removed
 * here" from "not yet seen here" without tombstones.
 *
 * <p>Mutators return an {@link Update}: the new state and a small delta that is itself a value of
 * the same type. Merging the delta into any replica that has the old state gives the new state;
 * merging deltas in any order, with duplicates, converges to the same state as merging full states.
 *
 * <p>Values are immutable; equality and hash are by state; iteration is sorted. Actors are node
 * names with an epoch (replicas mint dots, clients never do; a node takes a new actor after each
 * unclean restart), so metadata is bounded by the number of nodes times their unclean restarts.
 *
 * @param <T> the concrete type, so that {@link #merge} takes and returns it
 */
public abstract sealed class Crdt<T extends Crdt<T>>
        permits PnCounter, OrSet, MvRegister, LwwRegister, EwFlag, OrMap {

    private final CausalContext context;

    Crdt(CausalContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public abstract CrdtType type();

    /** Every event this state has seen. Inside an {@link OrMap}, nested values share the map's. */
    public final CausalContext context() {
        return context;
    }

    /** True for the bottom value: no live dots (reads as 0, empty, false or no value). */
    public abstract boolean isEmpty();

    /**
     * The least upper bound of both states: commutative, associative, idempotent. {@code other}
     * may be a full state or a delta.
     */
    public final T merge(T other) {
        Objects.requireNonNull(other, "other");
        if (other == this) return self();
        T joined = joinStores(context, other, other.context(), context.merge(other.context()));
        assert joined.dotsAreSeen() : "merge left a dot outside its context: " + joined;
        return joined;
    }

    /**
     * Merges two values whose type is known only at run time (decoded bytes, say).
     *
     * @throws IllegalArgumentException when the types differ: a key's type is fixed by its first write
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Crdt<?> mergeAny(Crdt<?> a, Crdt<?> b) {
        if (a.type() != b.type()) {
            throw new IllegalArgumentException("cannot merge a " + a.type().displayName() + " with a "
                    + b.type().displayName() + ": a value's type is fixed by its first write");
        }
        return ((Crdt) a).merge((Crdt) b);
    }

    /**
     * {@code value} as {@code type}.
     *
     * @throws IllegalArgumentException naming both types when it is another type
     */
    public static <V extends Crdt<V>> V as(Crdt<?> value, Class<V> type) {
        CrdtType wanted = CrdtType.of(type);
        if (value.type() != wanted) {
            throw new IllegalArgumentException("value is a " + value.type().displayName() + ", not a "
                    + wanted.displayName() + ": a value's type is fixed by its first write");
        }
        return type.cast(value);
    }

    /** The live dots in the store, sorted: with the context, this is the value's metadata. */
    public final List<Dot> dots() {
        List<Dot> dots = new ArrayList<>();
        forEachDot(dots::add);
        dots.sort(null);
        return dots;
    }

    /**
     * Joins the two dot stores, {@code this} under {@code mine} and {@code other} under
     * {@code theirs} (for a nested value: the enclosing maps' contexts), into a value that carries
     * {@code result} as its context.
     */
    abstract T joinStores(CausalContext mine, T other, CausalContext theirs, CausalContext result);

    /** The same store under another context: how a map lends its context to nested values. */
    abstract T withContext(CausalContext context);

    abstract void forEachDot(Consumer<Dot> sink);

    /** The dot store alone, for equality and printing. */
    abstract Object store();

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The invariant of a top-level value: every live dot is in its context. */
    final boolean dotsAreSeen() {
        if (context.isEmpty()) return true;   // a nested value: the map's context covers it
        boolean[] seen = {true};
        forEachDot(dot -> seen[0] &= context.contains(dot));
        return seen[0];
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Crdt<?> c && c.type() == type() && c.context.equals(context) && c.store().equals(store());
    }

    @Override
    public final int hashCode() {
        return Objects.hash(type(), context, store());
    }

    @Override
    public String toString() {
        return type().displayName() + store() + "@" + context;
    }
}
