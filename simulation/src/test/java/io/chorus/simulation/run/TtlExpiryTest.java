package io.chorus.simulation.run;

import io.chorus.replication.config.InjectedBug;
import io.chorus.simulation.check.Violation;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;
import io.chorus.simulation.workload.LevelMix;
import io.chorus.simulation.workload.TtlMix;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * TTL puts under faults (the TTL client forced on): the production replicas never return a value
 * after it expired, by the simulated clocks, skew included (the {@code expiry} checker), and every
 * other checker still passes; with expired values returned on purpose the checker reports it within
 * a few seeds.
 */
class TtlExpiryTest {
    private static final int SEEDS = 5;
    private static final int SAFETY_SECONDS = 15;
    /** TTLs of 1-2 s read often at ONE: expiries happen all through the run, under every fault. */
    private static final TtlMix MIX = new TtlMix(1, 2, 1_000, 2_000, 1, 3, 0.5, new LevelMix(3, 1, 1, 1), new LevelMix(1, 1, 2, 1),
            50_000, 10_000_000);

    @Test
    void noExpiredValueIsReturnedUnderFaults() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult result = SeedRunner.run(withTtlClient(seed), ReplicaFactory.PRODUCTION, Trace.OFF);
            assertEquals(List.of(), result.violations(), "seed " + seed + ":\n" + result.explanation());
        }
    }

    @Test
    void returningExpiredValuesIsCaught() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult broken = SeedRunner.run(withTtlClient(seed), ReplicaFactory.withBugs(EnumSet.of(InjectedBug.RETURN_EXPIRED_VALUES)), Trace.OFF);
            List<Violation> found = broken.violations().stream().filter(v -> v.checker().equals("expiry")).toList();
            if (found.isEmpty()) continue;
            System.out.println("[simulation] RETURN_EXPIRED_VALUES caught at seed " + seed + ":\n  " + found.get(0));
            return;
        }
        fail("expired values returned on purpose went unnoticed for " + SEEDS + " seeds");
    }

    private static RunParameters withTtlClient(long seed) {
        RunParameters drawn = RunParameters.draw(seed, RunOptions.standard(SAFETY_SECONDS));
        return drawn.withTtl(new TtlMix(MIX.clients(), MIX.keys(), MIX.ttlMinMillis(), MIX.ttlMaxMillis(), MIX.putWeight(), MIX.getWeight(),
                MIX.contextWriteBackRate(), MIX.reads(), MIX.writes(), MIX.thinkMeanMicros(), drawn.workload().clientTimeoutMicros()));
    }
}
