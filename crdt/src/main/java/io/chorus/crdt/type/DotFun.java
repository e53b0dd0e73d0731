package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A dot store mapping each live event to the value it wrote: the entries of a register or of a
 * counter. Immutable, sorted by dot.
 *
 * <p>A dot is minted once, so two replicas holding the same dot hold the same value. Should a
 * node ever reuse a dot (it minted from a state that lost its own latest write), the greater
 * value is kept: the join stays commutative and replicas still converge instead of crashing.
 */
final class DotFun<V extends Comparable<V>> {
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final DotFun<?> EMPTY = new DotFun(new TreeMap<>());

    private final SortedMap<Dot, V> entries;

    private DotFun(TreeMap<Dot, V> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    @SuppressWarnings("unchecked")
    static <V extends Comparable<V>> DotFun<V> empty() {
        return (DotFun<V>) EMPTY;
    }

    static <V extends Comparable<V>> DotFun<V> of(Dot dot, V value) {
        TreeMap<Dot, V> one = new TreeMap<>();
        one.put(dot, value);
        return new DotFun<>(one);
    }

    static <V extends Comparable<V>> DotFun<V> of(Map<Dot, V> entries) {
        return entries.isEmpty() ? empty() : new DotFun<>(new TreeMap<>(entries));
    }

    SortedMap<Dot, V> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    void forEachDot(Consumer<Dot> sink) {
        entries.keySet().forEach(sink);
    }

    /**
     * As {@link DotSet#join}: an entry one side holds survives unless the other side saw its dot.
     * Returns this instance itself when the join changes nothing.
     */
    DotFun<V> join(CausalContext mine, DotFun<V> other, CausalContext theirs) {
        if (other == this) return this;
        TreeMap<Dot, V> kept = new TreeMap<>();
        boolean changed = false;
        for (Map.Entry<Dot, V> e : entries.entrySet()) {
            V theirValue = other.entries.get(e.getKey());
            if (theirValue != null) {
                V value = max(e.getValue(), theirValue);
                changed |= value != e.getValue();
                kept.put(e.getKey(), value);
            } else if (!theirs.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            } else {
                changed = true;
            }
        }
        for (Map.Entry<Dot, V> e : other.entries.entrySet()) {
            if (!entries.containsKey(e.getKey()) && !mine.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        if (!changed) return this;
        return kept.isEmpty() ? empty() : new DotFun<>(kept);
    }

    private static <V extends Comparable<V>> V max(V a, V b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DotFun<?> f && entries.equals(f.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
