package io.chorus.simulation.run;

import io.chorus.simulation.world.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeds that once failed stay fixed: every entry of regression-seeds.txt runs on every build. */
class RegressionSeedsTest {
    @Test
    void fixedSeedsPassAndOpenOnesStillFail() {
        List<RegressionSeeds.Entry> entries = RegressionSeeds.load();
        assertFalse(entries.isEmpty(), "the regression list lost its entries");
        for (RegressionSeeds.Entry entry : entries) {
            RunResult result = SeedRunner.run(entry.seed(), entry.options());
            if (entry.open()) {
                assertFalse(result.passed(), "regression seed " + entry.seed() + " passes now: its bug (" + entry.note()
                        + ") looks fixed; drop the `open` from its entry so that it guards the fix");
            } else {
                assertTrue(result.passed(), "regression seed " + entry.seed() + " (" + entry.note() + ") fails again:\n"
                        + result.explanation() + "replay: " + result.replayCommand());
            }
        }
    }

    @Test
    void parsesEntriesAndCommentsAndRejectsMalformedLines() {
        List<RegressionSeeds.Entry> entries = RegressionSeeds.parse(List.of("# header", "", "17 60 # lost ack on heal", "  4 5", "9 30 open # livelock",
                "3 60 no-crdt # old", "8 60 no-crdt open # old and open", "197 60 power-loss # reused dot", "21 60 late-duplicates # late mint"));
        assertEquals(List.of(new RegressionSeeds.Entry(17, 60, false, "lost ack on heal"), new RegressionSeeds.Entry(4, 5, false, ""),
                new RegressionSeeds.Entry(9, 30, true, "livelock"), new RegressionSeeds.Entry(3, 60, false, true, "old"),
                new RegressionSeeds.Entry(8, 60, true, true, "old and open"), new RegressionSeeds.Entry(197, 60, false, false, true, "reused dot"),
                new RegressionSeeds.Entry(21, 60, false, false, false, true, "late mint")), entries);
        assertEquals("--virtual-seconds 60 --no-crdt", entries.get(3).options().flags());
        assertEquals("--virtual-seconds 60 --power-loss", entries.get(5).options().flags());
        assertEquals("--virtual-seconds 60 --late-duplicates", entries.get(6).options().flags());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegressionSeeds.parse(List.of("17")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegressionSeeds.parse(List.of("17 60 fixed")));
        assertThrows(IllegalArgumentException.class, () -> RegressionSeeds.parse(List.of("17 60 open open")));
        assertThrows(IllegalArgumentException.class, () -> RegressionSeeds.parse(List.of("17 60 power-loss power-loss")));
    }
}
