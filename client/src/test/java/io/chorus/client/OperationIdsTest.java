package io.chorus.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationIdsTest {
    @Test
    void anIdIsTheClockShiftedLeftTwentyBitsOrTheCounterTimesTwo() {
        OperationIds ids = new OperationIds(() -> 1_700_000_000_123L, 41);
        assertEquals((1_700_000_000_123L << 20) | 82, ids.next());
        assertEquals((1_700_000_000_123L << 20) | 84, ids.next(), "even: bit 0 is the replicas' refusal mark");
    }

    @Test
    void theCounterWrapsWithinItsTwentyBits() {
        AtomicLong clock = new AtomicLong(5);
        OperationIds ids = new OperationIds(clock::get, OperationIds.COUNTER_MASK);
        assertEquals((5L << 20) | (OperationIds.COUNTER_MASK - 1), ids.next());
        clock.set(6);
        assertEquals(6L << 20, ids.next(), "wrapped to 0, the clock carries the order");
    }

    @Test
    void idsGrowWithTheClock() {
        AtomicLong clock = new AtomicLong(1_000);
        OperationIds ids = new OperationIds(clock::get, OperationIds.COUNTER_MASK - 1);
        long first = ids.next();
        clock.incrementAndGet();
        assertTrue(ids.next() > first, "a later millisecond gives a larger id even after the counter wraps");
    }

    @Test
    void twoClientsStartTheirCountersApart() {
        long a = OperationIds.fromSystemClock().next() & OperationIds.COUNTER_MASK;
        long b = OperationIds.fromSystemClock().next() & OperationIds.COUNTER_MASK;
        long c = OperationIds.fromSystemClock().next() & OperationIds.COUNTER_MASK;
        assertTrue(a != b || b != c, "three random 20-bit starts all equal: " + a); // one chance in 2^40
    }
}
