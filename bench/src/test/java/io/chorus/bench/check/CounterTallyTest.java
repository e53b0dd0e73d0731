package io.chorus.bench.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CounterTallyTest {

    static CounterTally tally(long start, int acknowledged, int indeterminate) {
        CounterTally t = new CounterTally();
        t.started(start);
        for (int i = 0; i < acknowledged; i++) t.acknowledged();
        for (int i = 0; i < indeterminate; i++) t.indeterminate();
        return t;
    }

    @Test
    void withNoUnknownOutcomeTheCountMustBeExact() {
        CounterTally t = tally(10, 5, 0);
        assertEquals(0, t.outside(15));
        assertEquals(-1, t.outside(14), "an acknowledged increment lost");
        assertEquals(1, t.outside(16), "an increment counted twice");
    }

    @Test
    void unknownOutcomesWidenTheRangeUpwardsOnly() {
        CounterTally t = tally(0, 5, 2);
        assertEquals(5, t.floor(t.acknowledgedCount()));
        assertEquals(7, t.ceiling());
        assertEquals(0, t.outside(5));
        assertEquals(0, t.outside(7));
        assertEquals(1, t.outside(8));
        assertEquals(-1, t.outside(4));
    }

    @Test
    void aFreshCounterStartsAtZeroUntilTheLoadSaysOtherwise() {
        CounterLog log = new CounterLog(100);
        assertEquals(null, log.peek(3));
        CounterTally t = log.tally(3);
        assertEquals(0, t.start());
        t.started(CounterTally.UNKNOWN);
        assertFalse(t.startKnown());
        t.sent();
        log.tally(5).acknowledged();
        log.tally(5).sent();
        log.tally(5).acknowledged();
        log.tally(5).sent();
        assertEquals(2, log.acknowledgedCount(100));
        StringBuilder visited = new StringBuilder();
        log.forEachIncrementedKey(100, i -> visited.append(i).append(' '));
        assertEquals("3 5 ", visited.toString());
    }
}
