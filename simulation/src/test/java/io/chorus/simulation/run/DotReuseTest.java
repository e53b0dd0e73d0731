package io.chorus.simulation.run;

import io.chorus.simulation.check.Violation;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Proof that the checkers see dot reuse: replicas that keep minting in epoch 0 after a power loss,
 * as they did before actor epochs, mint dots again (a plain value on "k4" in seed 197, a counter
 * entry on "cnt1" in seed 62), and NoPhantomChecker says so. With epochs the same seeds pass: they
 * are regression seeds.
 */
class DotReuseTest {
    private static final RunOptions POWER_LOSS = new RunOptions(60, true, false);

    @Test
    void aReplicaThatKeepsItsActorAfterAPowerLossMintsADotTwiceAndIsCaught() {
        ReplicaFactory epochZero = (self, actorEpoch, topology, config, storage, random, clock) ->
                ReplicaFactory.PRODUCTION.create(self, 0, topology, config, storage, random, clock);
        Map<Long, String> keyBySeed = Map.of(197L, "\"k4\"", 62L, "\"cnt1\"");
        keyBySeed.forEach((seed, key) -> {
            RunResult result = SeedRunner.run(seed, POWER_LOSS, epochZero, Trace.OFF);
            List<Violation> reuses = result.violations().stream()
                    .filter(v -> v.checker().equals("phantoms") && v.explanation().contains(key) && v.explanation().contains("had minted it")).toList();
            assertFalse(reuses.isEmpty(), "seed " + seed + " without epochs: no dot of " + key + " minted twice was reported:\n" + result.explanation());
            System.out.println("[simulation] seed " + seed + " without epochs: " + reuses.get(0));
        });
    }
}
