package io.chorus.simulation.run;

import io.chorus.replication.config.HintLimits;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.replica.Replica;
import io.chorus.simulation.network.PartitionShape;
import io.chorus.simulation.world.Faults;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios of issue 11 on the simulator: the whole run's checkers judge them (durability checks
 * that what a delete superseded stays gone on every replica; freshness, that no quorum read sees
 * it; convergence, that the replicas agree after heal).
 */
class HintsAndTombstonesTest {
    private static final int SAFETY_SECONDS = 30;
    private static final int SEEDS = 4;
    /** Bound on the search for a seed that shows the planted naive purge: seed 1 did when this was written. */
    private static final int SEEDS_MAX = 20;

    /** One node cut off from the others for the whole safety phase (far longer than any timeout); no other fault. */
    private static RunParameters zombie(long seed) {
        RunParameters drawn = RunParameters.draw(seed, RunOptions.standard(SAFETY_SECONDS));
        Faults isolated = new Faults(1_000, 10_000_000_000L, List.of(PartitionShape.ISOLATE_ONE), 0, 1, 1, 0, 1, 0, 1_000);
        return drawn.withFaults(isolated);
    }

    @Test
    void aReplicaCutOffDuringDeletesNeverBringsADeletedValueBack() {
        Counts counts = new Counts();
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult result = SeedRunner.run(zombie(seed), factory(counts, c -> c, Set.of()), Trace.OFF);
            assertTrue(result.passed(), "seed " + seed + ":\n" + result.explanation());
        }
        assertTrue(counts.purged > 0, "no tombstone was ever purged: the scenario proves nothing");
    }

    @Test
    void purgingWithoutEveryReplicaIsCaught() {
        for (long seed = 1; seed <= SEEDS_MAX; seed++) {
            RunResult result = SeedRunner.run(zombie(seed), factory(new Counts(), c -> c, EnumSet.of(InjectedBug.PURGE_WITHOUT_EVERY_REPLICA)), Trace.OFF);
            if (!result.passed()) {
                System.out.println("[simulation] purge without every replica caught by seed " + seed + ":\n" + result.explanation());
                return;
            }
        }
        throw new AssertionError("no seed of 1.." + SEEDS_MAX + " caught tombstones purged while a replica was cut off");
    }

    /**
     * Every plain write sloppy, one node cut off for the whole safety phase: writes are acknowledged
     * with fallbacks' hints counting toward W, and the durability and convergence checkers still
     * pass after the heal (the hint holds the write until the primary has it).
     */
    @Test
    void sloppyWritesWithAPrimaryCutOffAreAcknowledgedAndNeverLost() {
        Counts counts = new Counts();
        long sloppyAcked = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunParameters zombie = zombie(seed);
            RunParameters sloppy = zombie.withWorkload(zombie.workload().withSloppyWriteRate(1.0));
            RunResult result = SeedRunner.run(sloppy, factory(counts, c -> c, Set.of()), Trace.OFF);
            assertTrue(result.passed(), "seed " + seed + ":\n" + result.explanation());
            sloppyAcked += result.sloppyWritesAcked();
        }
        assertTrue(counts.stored > 0 && counts.delivered > 0, "no hint was stored and handed over (" + counts.stored + ", "
                + counts.delivered + "): the scenario proves nothing");
        assertTrue(sloppyAcked > 0, "no sloppy write was acknowledged");
        System.out.println("[simulation] sloppy writes: " + sloppyAcked + " acknowledged, " + counts.stored + " hints stored, "
                + counts.delivered + " delivered");
    }

    @Test
    void withATinyHintLimitTheReplicasStillConvergeAndHintsStayBounded() {
        HintLimits tiny = new HintLimits(2, 4096, 1);
        Counts counts = new Counts();
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult result = SeedRunner.run(RunParameters.draw(seed, RunOptions.standard(SAFETY_SECONDS)),
                    factory(counts, c -> c.withHints(tiny), Set.of()), Trace.OFF);
            assertTrue(result.passed(), "seed " + seed + ":\n" + result.explanation());
        }
        assertTrue(counts.hintsHeldMax <= tiny.hintsMax(), "a node held " + counts.hintsHeldMax + " hints, limit " + tiny.hintsMax());
        assertTrue(counts.stored > 0 && counts.refused > 0, "the limit was never reached (" + counts.stored + " stored, "
                + counts.refused + " refused): the scenario proves nothing");
        System.out.println("[simulation] tiny hint limit: " + counts.stored + " hints stored, " + counts.refused + " refused, "
                + counts.delivered + " delivered, at most " + counts.hintsHeldMax + " held by a node");
    }

    private static ReplicaFactory factory(Counts counts, UnaryOperator<ReplicaConfig> tweak, Set<InjectedBug> bugs) {
        Set<InjectedBug> set = bugs.isEmpty() ? EnumSet.noneOf(InjectedBug.class) : EnumSet.copyOf(bugs);
        return (self, actorEpoch, topology, config, storage, random, clock) ->
                new Replica(self, actorEpoch, topology, tweak.apply(config), storage, random, clock, counts, set);
    }

    /** What every replica of a scenario reported, added up. */
    private static final class Counts implements ReplicaObserver {
        long stored;
        long refused;
        long delivered;
        long purged;
        int hintsHeldMax;

        @Override public void hintStored() { stored++; }
        @Override public void hintRefused() { refused++; }
        @Override public void hintDelivered() { delivered++; }
        @Override public void tombstonePurged() { purged++; }
        @Override public void hintsHeld(int keys, long bytes) { hintsHeldMax = Math.max(hintsHeldMax, keys); }
    }
}
