package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class HybridClockTest {
    @Test
    void readingsFollowPhysicalTimeAndCountWithinAMillisecond() {
        HybridClock clock = new HybridClock("n1", 1_000);
        assertEquals(new HybridTimestamp(100, 0, "n1"), clock.now(100));
        assertEquals(new HybridTimestamp(100, 1, "n1"), clock.now(100));
        assertEquals(new HybridTimestamp(100, 2, "n1"), clock.now(90));   // physical clock stepped back
        assertEquals(new HybridTimestamp(120, 0, "n1"), clock.now(120));
    }

    @Test
    void observingARemoteTimestampMovesPastIt() {
        HybridClock clock = new HybridClock("n2", 1_000);
        clock.now(100);
        assertEquals(new HybridTimestamp(500, 4, "n2"), clock.observe(new HybridTimestamp(500, 3, "n1"), 200));
        assertEquals(new HybridTimestamp(500, 5, "n2"), clock.now(300));
    }

    @Test
    void refusesATimestampTooFarAheadAndStaysUnchanged() {
        HybridClock clock = new HybridClock("n1", 1_000);
        HybridTimestamp before = clock.now(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clock.observe(new HybridTimestamp(5_000, 0, "n9"), 100));
        assertTrue(e.getMessage().contains("driftMillisMax"), e.getMessage());
        assertEquals(before, clock.last());
    }

    @Test
    void aFullLogicalCounterBorrowsTheNextMillisecond() {
        HybridClock clock = new HybridClock("n1", 1_000);
        clock.observe(new HybridTimestamp(100, Integer.MAX_VALUE - 1, "n2"), 100);
        assertEquals(new HybridTimestamp(101, 0, "n1"), clock.now(100));
    }

    /** Each reading exceeds every earlier one and every timestamp observed, whatever physical time does. */
    @Test
    void readingsStrictlyIncrease() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 50))
                .checkAssert((List<Integer> steps) -> {
                    HybridClock clock = new HybridClock("n1", 10_000);
                    HybridTimestamp last = clock.last();
                    for (int step : steps) {
                        long physical = step % 100;    // a clock that jumps back and forth
                        HybridTimestamp reading;
                        if (step % 3 == 0) {
                            HybridTimestamp remote = new HybridTimestamp(step, step % 7, "n2");
                            reading = clock.observe(remote, physical);
                            assertTrue(reading.isAfter(remote));
                        } else {
                            reading = clock.now(physical);
                        }
                        assertTrue(reading.isAfter(last), reading + " not after " + last);
                        assertTrue(reading.wallMillis() >= physical);
                        last = reading;
                    }
                });
    }
}
