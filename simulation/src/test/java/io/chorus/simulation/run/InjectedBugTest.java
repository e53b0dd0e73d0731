package io.chorus.simulation.run;

import io.chorus.replication.config.InjectedBug;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proof that the checkers bite: with a deliberately broken coordinator (switched on only here), the
 * simulator must report a violation within a bounded number of seeds. A seed counts only if the
 * production replica passes it, so the violation is the injected bug's and not some other one.
 * Each seed is deterministic, so the bound holds for as long as the code does.
 */
class InjectedBugTest {
    private static final int SEEDS_MAX = 30;
    private static final int SAFETY_SECONDS = 20;

    @ParameterizedTest
    @EnumSource(value = InjectedBug.class, names = {"ACK_BEFORE_QUORUM", "SKIP_SIBLING_MERGE", "IGNORE_SESSION_TOKEN"}) // SKIP_DURABLE_SYNC: DurableWriteTest
    void theCheckersCatchABrokenCoordinator(InjectedBug bug) {
        ReplicaFactory broken = ReplicaFactory.withBugs(EnumSet.of(bug));
        List<Long> productionFailed = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS_MAX; seed++) {
            RunResult result = SeedRunner.run(seed, RunOptions.standard(SAFETY_SECONDS), broken, Trace.OFF);
            if (result.passed()) continue;
            if (!SeedRunner.run(seed, SAFETY_SECONDS).passed()) {
                productionFailed.add(seed);
                continue;
            }
            System.out.println("[simulation] " + bug + " caught by seed " + seed + ":\n" + result.explanation());
            return;
        }
        fail(bug + " went unnoticed for " + SEEDS_MAX + " seeds of " + SAFETY_SECONDS + " virtual seconds"
                + (productionFailed.isEmpty() ? "" : " (seeds " + productionFailed + " fail without the bug too, and were not counted)"));
    }
}
