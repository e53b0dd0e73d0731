package io.chorus.crdt.clock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable version vector: for each actor, the highest counter seen, meaning every dot
 * {@code actor:1..counter} is included. Actors are kept sorted so that iteration, equality and
 * encoding are deterministic. Size is bounded by the number of actors (nodes, each with one more
 * actor per unclean restart).
 */
public final class VersionVector {
    private static final VersionVector EMPTY = new VersionVector(new String[0], new long[0]);

    private final String[] actors;   // strictly increasing
    private final long[] counters;   // each >= 1

    private VersionVector(String[] actors, long[] counters) {
        this.actors = actors;
        this.counters = counters;
        assert isWellFormed() : "version vector not well formed: " + this;
    }

    public static VersionVector empty() {
        return EMPTY;
    }

    /** Builds a vector from a map; entries with a counter of 0 are dropped. */
    public static VersionVector of(Map<String, Long> entries) {
        TreeMap<String, Long> sorted = new TreeMap<>(entries);
        sorted.values().removeIf(c -> c == 0);
        String[] a = new String[sorted.size()];
        long[] c = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) throw new IllegalArgumentException("empty actor");
            if (e.getValue() < 0) throw new IllegalArgumentException("negative counter for " + e.getKey());
            a[i] = e.getKey();
            c[i] = e.getValue();
            i++;
        }
        return a.length == 0 ? EMPTY : new VersionVector(a, c);
    }

    /** The counter of {@code actor}, 0 if absent. */
    public long get(String actor) {
        int i = Arrays.binarySearch(actors, actor);
        return i >= 0 ? counters[i] : 0;
    }

    /** True when this vector includes the event {@code dot}. */
    public boolean contains(Dot dot) {
        return get(dot.actor()) >= dot.counter();
    }

    /** The next dot {@code actor} would mint on top of this vector. */
    public Dot nextDot(String actor) {
        return new Dot(actor, get(actor) + 1);
    }

    /** This vector with {@code dot} included (entry raised to at least the dot's counter). */
    public VersionVector with(Dot dot) {
        if (contains(dot)) return this;
        int i = Arrays.binarySearch(actors, dot.actor());
        if (i >= 0) {
            long[] c = counters.clone();
            c[i] = dot.counter();
            return new VersionVector(actors, c);
        }
        int at = -i - 1;
        String[] a = new String[actors.length + 1];
        long[] c = new long[actors.length + 1];
        System.arraycopy(actors, 0, a, 0, at);
        System.arraycopy(counters, 0, c, 0, at);
        a[at] = dot.actor();
        c[at] = dot.counter();
        System.arraycopy(actors, at, a, at + 1, actors.length - at);
        System.arraycopy(counters, at, c, at + 1, actors.length - at);
        return new VersionVector(a, c);
    }

    /** The least upper bound: entry-wise maximum. Commutative, associative, idempotent. */
    public VersionVector merge(VersionVector other) {
        if (other.descends(this)) return other;
        if (this.descends(other)) return this;
        String[] a = new String[actors.length + other.actors.length];
        long[] c = new long[a.length];
        int i = 0, j = 0, n = 0;
        while (i < actors.length || j < other.actors.length) {
            int cmp = i == actors.length ? 1 : j == other.actors.length ? -1 : actors[i].compareTo(other.actors[j]);
            if (cmp < 0) { a[n] = actors[i]; c[n++] = counters[i++]; }
            else if (cmp > 0) { a[n] = other.actors[j]; c[n++] = other.counters[j++]; }
            else { a[n] = actors[i]; c[n++] = Math.max(counters[i++], other.counters[j++]); }
        }
        return new VersionVector(Arrays.copyOf(a, n), Arrays.copyOf(c, n));
    }

    /** True when this vector has seen everything {@code other} has (this >= other). */
    public boolean descends(VersionVector other) {
        for (int j = 0; j < other.actors.length; j++) {
            if (get(other.actors[j]) < other.counters[j]) return false;
        }
        return true;
    }

    /** Strictly greater: descends and differs. */
    public boolean dominates(VersionVector other) {
        return descends(other) && !equals(other);
    }

    /** Neither descends the other. */
    public boolean concurrentWith(VersionVector other) {
        return !descends(other) && !other.descends(this);
    }

    public boolean isEmpty() {
        return actors.length == 0;
    }

    public int size() {
        return actors.length;
    }

    /** Actors in sorted order. */
    public List<String> actors() {
        return List.of(actors);
    }

    /** Entries in actor order; a copy. */
    public TreeMap<String, Long> toMap() {
        TreeMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < actors.length; i++) m.put(actors[i], counters[i]);
        return m;
    }

    /** The dots of this vector not included in {@code other}, in actor then counter order. */
    public List<Dot> dotsNotIn(VersionVector other) {
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < actors.length; i++) {
            for (long k = other.get(actors[i]) + 1; k <= counters[i]; k++) dots.add(new Dot(actors[i], k));
        }
        return dots;
    }

    private boolean isWellFormed() {
        if (actors.length != counters.length) return false;
        for (int i = 0; i < actors.length; i++) {
            if (actors[i] == null || actors[i].isEmpty() || counters[i] < 1) return false;
            if (i > 0 && actors[i - 1].compareTo(actors[i]) >= 0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionVector v && Arrays.equals(actors, v.actors) && Arrays.equals(counters, v.counters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(actors), Arrays.hashCode(counters));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < actors.length; i++) {
            if (i > 0) b.append(", ");
            b.append(actors[i]).append(':').append(counters[i]);
        }
        return b.append('}').toString();
    }
}
