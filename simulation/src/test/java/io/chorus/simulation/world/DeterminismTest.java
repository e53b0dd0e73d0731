package io.chorus.simulation.world;

import io.chorus.simulation.run.SeedRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same seed on the same commit replays the same run, event for event. */
class DeterminismTest {
    private static final int SAFETY_SECONDS = 10;

    private record Replay(String digest, long lines, String summary) {
    }

    private static Replay replay(long seed) {
        Trace.Digest trace = new Trace.Digest();
        String summary = SeedRunner.run(seed, RunOptions.standard(SAFETY_SECONDS), ReplicaFactory.PRODUCTION, trace).summary();
        return new Replay(trace.hex(), trace.lines(), summary);
    }

    @Test
    void aSeedReplaysTheSameEventTrace() {
        List<String> digests = new ArrayList<>();
        for (long seed : new long[]{1, 7, 42}) {
            Replay first = replay(seed), second = replay(seed);
            assertTrue(first.lines() > 1_000, "seed " + seed + " traced only " + first.lines() + " lines");
            assertEquals(first, second, "seed " + seed + " did not replay identically");
            digests.add(first.digest());
        }
        assertEquals(3, digests.stream().distinct().count(), "different seeds gave the same trace: " + digests);
    }

    @Test
    void parametersAreAFunctionOfTheSeedAlone() {
        assertEquals(RunParameters.draw(5, 60).describe(), RunParameters.draw(5, 60).describe());
        assertNotEquals(RunParameters.draw(5, 60).describe(), RunParameters.draw(6, 60).describe());
    }
}
