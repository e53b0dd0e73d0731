package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A dot store that is a set of dots: the events that keep a flag enabled or a set element
 * present. Immutable, sorted; usually one dot, at most one per node that wrote concurrently.
 */
final class DotSet {
    static final DotSet EMPTY = new DotSet(new Dot[0]);

    private final Dot[] dots;   // strictly increasing

    private DotSet(Dot[] dots) {
        this.dots = dots;
        assert isSorted() : "dot set not sorted: " + this;
    }

    static DotSet of(Dot dot) {
        return new DotSet(new Dot[] {dot});
    }

    static DotSet of(Collection<Dot> dots) {
        TreeSet<Dot> sorted = new TreeSet<>(dots);
        return sorted.isEmpty() ? EMPTY : new DotSet(sorted.toArray(new Dot[0]));
    }

    boolean isEmpty() {
        return dots.length == 0;
    }

    int size() {
        return dots.length;
    }

    boolean contains(Dot dot) {
        return Arrays.binarySearch(dots, dot) >= 0;
    }

    void forEach(Consumer<Dot> sink) {
        for (Dot dot : dots) sink.accept(dot);
    }

    List<Dot> asList() {
        return List.of(dots);
    }

    /**
     * The join of two replicas' dot sets: a dot both hold stays; a dot one holds stays unless the
     * other replica has seen it (its context holds it) and so must have removed it.
     */
    DotSet join(CausalContext mine, DotSet other, CausalContext theirs) {
        if (other == this) return this;
        List<Dot> kept = new ArrayList<>(dots.length + other.dots.length);
        boolean changed = false;
        for (Dot dot : dots) {
            if (other.contains(dot) || !theirs.contains(dot)) kept.add(dot);
            else changed = true;
        }
        for (Dot dot : other.dots) {
            if (!contains(dot) && !mine.contains(dot)) {
                kept.add(dot);
                changed = true;
            }
        }
        return changed ? of(kept) : this;   // unchanged: the same instance, so callers skip a copy
    }

    private boolean isSorted() {
        for (int i = 1; i < dots.length; i++) {
            if (dots[i - 1].compareTo(dots[i]) >= 0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DotSet s && Arrays.equals(dots, s.dots);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dots);
    }

    @Override
    public String toString() {
        return Arrays.toString(dots);
    }
}
