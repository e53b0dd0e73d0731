package io.chorus.crdt.clock;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** Merge is a join: commutative, associative, idempotent, and an upper bound of both sides. */
class VersionVectorLawsTest {
    private static final List<String> ACTORS = List.of("n1", "n2", "n3", "n4");

    static Gen<VersionVector> vectors() {
        return lists().of(integers().between(0, 6)).ofSize(ACTORS.size()).map(counters -> {
            TreeMap<String, Long> m = new TreeMap<>();
            for (int i = 0; i < ACTORS.size(); i++) m.put(ACTORS.get(i), (long) counters.get(i));
            return VersionVector.of(m);
        });
    }

    @Test
    void mergeIsCommutative() {
        qt().forAll(vectors(), vectors()).check((a, b) -> a.merge(b).equals(b.merge(a)));
    }

    @Test
    void mergeIsAssociative() {
        qt().forAll(vectors(), vectors(), vectors()).check((a, b, c) -> a.merge(b).merge(c).equals(a.merge(b.merge(c))));
    }

    @Test
    void mergeIsIdempotent() {
        qt().forAll(vectors()).check(a -> a.merge(a).equals(a));
    }

    @Test
    void mergeIsTheLeastUpperBound() {
        qt().forAll(vectors(), vectors()).check((a, b) -> {
            VersionVector m = a.merge(b);
            boolean upper = m.descends(a) && m.descends(b);
            boolean least = m.actors().stream().allMatch(x -> m.get(x) == Math.max(a.get(x), b.get(x)));
            return upper && least;
        });
    }

    @Test
    void exactlyOneOrderingHolds() {
        qt().forAll(vectors(), vectors()).check((a, b) -> {
            int holds = (a.equals(b) ? 1 : 0) + (a.dominates(b) ? 1 : 0) + (b.dominates(a) ? 1 : 0) + (a.concurrentWith(b) ? 1 : 0);
            return holds == 1;
        });
    }

    @Test
    void withDotIncludesItAndOnlyGrows() {
        qt().forAll(vectors(), integers().between(0, 3), integers().between(1, 9)).check((v, actor, counter) -> {
            Dot dot = new Dot(ACTORS.get(actor), counter);
            VersionVector w = v.with(dot);
            return w.contains(dot) && w.descends(v);
        });
    }

    @Test
    void nextDotIsNotYetIncluded() {
        VersionVector v = VersionVector.of(new TreeMap<>(java.util.Map.of("n1", 3L)));
        assertEquals(new Dot("n1", 4), v.nextDot("n1"));
        assertFalse(v.contains(v.nextDot("n1")));
        assertTrue(v.contains(new Dot("n1", 3)));
        assertEquals(new Dot("n2", 1), v.nextDot("n2"));
    }
}
