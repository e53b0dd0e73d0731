package io.chorus.simulation.run;

import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.SimWorld;
import io.chorus.simulation.world.Trace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node down for the whole fault phase, with clients that never read during it (so read repair
 * cannot be what brings it back): after the heal, anti-entropy alone gives it every acknowledged
 * write (the durability checker looks at every replica) before the convergence deadline.
 */
class NodeDownThroughFaultsTest {
    private static final RunOptions WRITES_ONLY = RunOptions.standard(20).withoutClientReads();
    private static final int SEEDS = 8;

    @Test
    void aNodeDownThroughTheFaultPhaseGetsEveryAcknowledgedWriteBackWithoutReads() {
        int acked = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunParameters parameters = RunParameters.draw(seed, WRITES_ONLY);
            RunResult result = new SimWorld(parameters, ReplicaFactory.PRODUCTION, Trace.OFF).downDuringFaults(0).run();
            assertTrue(result.passed(), "seed " + seed + ":\n" + result.explanation());
            assertTrue(result.healToConvergenceMicros() != History.UNSET, "seed " + seed + " converged by anti-entropy");
            acked += result.opsOk();
        }
        assertTrue(acked > 500, "too few acknowledged writes to mean anything: " + acked);
    }

    @Test
    void withoutClientReadsNoReadIsIssuedBeforeTheHeal() {
        RunParameters parameters = RunParameters.draw(3, WRITES_ONLY);
        SimWorld world = new SimWorld(parameters, ReplicaFactory.PRODUCTION, Trace.OFF);
        RunResult result = world.run();
        assertTrue(result.passed(), result.explanation());
        long readsBeforeHeal = world.history().ops().stream()
                .filter(op -> isRead(op) && op.invocation().atMicros() < world.history().healedMicros()).count();
        assertEquals(0, readsBeforeHeal);
    }

    private static boolean isRead(Op op) {
        return op.type() == OpType.GET || op.type() == OpType.COUNTER_READ || op.type() == OpType.SET_READ;
    }
}
