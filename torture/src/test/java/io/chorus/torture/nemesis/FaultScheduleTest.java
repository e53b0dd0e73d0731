package io.chorus.torture.nemesis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultScheduleTest {
    @Test
    void theSameSeedDrawsTheSameSchedule() {
        assertEquals(FaultSchedule.draw(7, 60_000, 5, true, true), FaultSchedule.draw(7, 60_000, 5, true, true));
        assertNotEquals(FaultSchedule.draw(7, 60_000, 5, true, true), FaultSchedule.draw(8, 60_000, 5, true, true));
    }

    @Test
    void faultsAreBoundedOneAtATimeAndWithinTheDuration() {
        for (long seed = 1; seed <= 50; seed++) {
            List<TimedFault> faults = FaultSchedule.draw(seed, 60_000, 5, true, true);
            assertFalse(faults.isEmpty(), "seed " + seed);
            long previousEnd = 0;
            for (TimedFault fault : faults) {
                assertTrue(fault.startMillis() > previousEnd, "overlap in seed " + seed + ": " + faults);
                assertTrue(fault.durationMillis() >= 2_000 && fault.durationMillis() <= 6_000, fault.toString());
                assertTrue(fault.endMillis() <= 60_000, fault.toString());
                previousEnd = fault.endMillis();
            }
        }
    }

    @Test
    void withoutRootOrLibfaketimeOnlyProcessFaultsAreDrawn() {
        for (long seed = 1; seed <= 50; seed++) {
            for (TimedFault fault : FaultSchedule.draw(seed, 60_000, 5, false, false)) {
                assertFalse(fault.fault().network(), fault.toString());
                assertFalse(fault.fault() instanceof Fault.ClockSkew, fault.toString());
            }
        }
    }

    @Test
    void partitionsNeverPutANodeOnBothSides() {
        for (long seed = 1; seed <= 200; seed++) {
            for (TimedFault timed : FaultSchedule.draw(seed, 60_000, 5, true, true)) {
                if (!(timed.fault() instanceof Fault.Partition partition)) continue;
                List<Integer> all = partition.sides().stream().flatMap(List::stream).toList();
                assertEquals(all.size(), all.stream().distinct().count(), timed.toString());
                assertTrue(partition.sides().stream().noneMatch(List::isEmpty), timed.toString());
            }
        }
    }
}
