package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class CausalContextTest {
    private static Dot dot(String actor, long counter) {
        return new Dot(actor, counter);
    }

    @Test
    void dotsPastAGapWaitInTheCloudUntilTheGapFills() {
        CausalContext context = CausalContext.ofDots(List.of(dot("n1", 3)));
        assertEquals(Set.of(dot("n1", 3)), context.cloud());
        assertFalse(context.contains(dot("n1", 2)));
        CausalContext filled = context.with(dot("n1", 1)).with(dot("n1", 2));
        assertEquals(VersionVector.of(Map.of("n1", 3L)), filled.compact());
        assertTrue(filled.cloud().isEmpty());
    }

    @Test
    void theNextDotIsPastEveryDotSeenOfThatActor() {
        CausalContext context = CausalContext.of(VersionVector.of(Map.of("n1", 2L)), List.of(dot("n1", 7), dot("n2", 4)));
        assertEquals(dot("n1", 8), context.nextDot("n1"));
        assertEquals(dot("n2", 5), context.nextDot("n2"));
        assertEquals(dot("n3", 1), context.nextDot("n3"));
    }

    private static final Gen<List<Dot>> DOTS = lists().of(integers().between(0, 2).zip(integers().between(1, 8),
            (actor, counter) -> dot("n" + actor, counter))).ofSizeBetween(0, 20);

    /** One set of dots, however it was built, has one representation: equality is by set. */
    @Test
    void equalSetsOfDotsGiveEqualContexts() {
        qt().withExamples(500).forAll(DOTS, integers().all()).checkAssert((dots, seed) -> {
            List<Dot> shuffled = new ArrayList<>(dots);
            Collections.shuffle(shuffled, new Random(seed));
            CausalContext oneByOne = CausalContext.EMPTY;
            for (Dot d : shuffled) oneByOne = oneByOne.with(d);
            assertEquals(CausalContext.ofDots(dots), oneByOne);
            assertEquals(CausalContext.ofDots(dots).hashCode(), oneByOne.hashCode());
        });
    }

    @Test
    void mergeIsTheUnionOfEvents() {
        qt().withExamples(500).forAll(DOTS, DOTS, DOTS).checkAssert((a, b, c) -> {
            CausalContext x = CausalContext.ofDots(a);
            CausalContext y = CausalContext.ofDots(b);
            CausalContext z = CausalContext.ofDots(c);
            List<Dot> union = new ArrayList<>(a);
            union.addAll(b);
            assertEquals(CausalContext.ofDots(union), x.merge(y));
            assertEquals(x.merge(y), y.merge(x));
            assertEquals(x.merge(y).merge(z), x.merge(y.merge(z)));
            assertEquals(x, x.merge(x));
            assertTrue(x.merge(y).descends(x) && x.merge(y).descends(y));
            for (Dot d : union) assertTrue(x.merge(y).contains(d));
        });
    }
}
