package io.chorus.simulation;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulateMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replaysOneSeedWithItsParametersAndSummary() {
        assertEquals(0, run("--seed", "3", "--virtual-seconds", "5"), out());
        assertTrue(out().startsWith("seed 3: "), out());
        assertTrue(out().contains("workload: clients"), out());
        assertTrue(out().contains("seed 3 passed: "), out());
        assertTrue(out().contains(" ok / "), out());
    }

    @Test
    void tracesEventsOfOneSeed() {
        assertEquals(0, run("--seed", "3", "--virtual-seconds", "2", "--trace"), out());
        assertTrue(out().contains(" send c"), out().substring(0, 2000));
        assertTrue(out().contains(" recv n"), out().substring(0, 2000));
    }

    @Test
    void runsManySeedsAndClosesWithASummary() {
        assertEquals(0, run("--seeds", "3", "--from", "10", "--virtual-seconds", "5", "--threads", "2"), out());
        assertTrue(out().contains("3 seeds, 0 failed; "), out());
        assertTrue(out().contains("ops checked"), out());
    }

    @Test
    void refusesBadArgumentsWithUsage() {
        assertEquals(2, run("--seed", "1", "--seeds", "2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exactly one of"));
        assertEquals(2, run("--seed", "x"));
        assertEquals(2, run("--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument \"--bogus\""));
    }
}
