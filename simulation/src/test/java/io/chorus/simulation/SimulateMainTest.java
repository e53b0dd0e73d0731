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
        int exit = run("--seed", "3", "--virtual-seconds", "5");
        assertTrue(out().startsWith("seed 3: "), out());
        assertTrue(out().contains("workload: clients"), out());
        assertTrue(out().contains(" ok / ") && out().contains(" indeterminate"), out());
        if (out().contains("seed 3 passed: ")) {
            assertEquals(0, exit, out());
        } else { // the exit code and the explanation follow the verdict, whatever the replica's state
            assertEquals(1, exit, out());
            assertTrue(out().contains("replay: ./chorus simulate --seed 3 --virtual-seconds 5"), out());
        }
    }

    @Test
    void noCrdtRunsASeedWithoutItsCrdtClientsAndSaysSoInTheReplay() {
        assertTrue(io.chorus.simulation.world.RunParameters.draw(3, 5).crdt().on(), "seed 3 draws CRDT clients");
        run("--seed", "3", "--virtual-seconds", "5", "--no-crdt");
        assertTrue(out().contains("crdt workload: off"), out());
        assertTrue(out().contains("(0 on CRDT keys, "), out()); // "retried" counts plain writes' retries too: the run decides
        assertTrue(out().contains("passed") || out().contains("replay: ./chorus simulate --seed 3 --virtual-seconds 5 --no-crdt"), out());
    }

    @Test
    void tracesEventsOfOneSeed() {
        run("--seed", "3", "--virtual-seconds", "2", "--trace");
        assertTrue(out().contains(" send c"), out().substring(0, 2000));
        assertTrue(out().contains(" recv n"), out().substring(0, 2000));
    }

    @Test
    void runsManySeedsAndClosesWithASummary() {
        int exit = run("--seeds", "3", "--from", "10", "--virtual-seconds", "5", "--threads", "2");
        String last = out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("3 seeds, ") && last.contains("virtual seconds covered") && last.contains("ops checked"), out());
        long failedLines = out().lines().filter(line -> line.startsWith("FAILED seed ")).count();
        assertTrue(last.contains(", " + failedLines + " failed"), "one line per failing seed: " + out());
        assertEquals(failedLines == 0 ? 0 : 1, exit, out());
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
