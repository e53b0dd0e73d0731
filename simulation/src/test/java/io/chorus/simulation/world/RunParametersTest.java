package io.chorus.simulation.world;

import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Swarm testing only helps if the seeds really spread over the space: check the draws cover it. */
class RunParametersTest {
    @Test
    void seedsSpreadOverClusterSizesReplicationFactorsAndFaults() {
        TreeSet<Integer> sizes = new TreeSet<>(), factors = new TreeSet<>(), clients = new TreeSet<>();
        int withoutPartitions = 0, withoutCrashes = 0, withLoss = 0, fewPartitions = 0;
        for (long seed = 1; seed <= 500; seed++) {
            RunParameters p = RunParameters.draw(seed, 60);
            assertTrue(p.replicationFactor() >= 1 && p.replicationFactor() <= p.nodes(), p.describe());
            assertTrue(p.workload().clientTimeoutMicros() > p.requestTimeoutTicks() * p.tickMicros() / (1 - p.clockDriftMax()), p.describe());
            assertEquals(0, p.faults().powerLossRate(), p.describe());
            assertEquals(0, p.links().lateDuplicateMaxMicros(), p.describe());
            assertTrue(Integer.bitCount(p.partitions()) == 1 && p.partitions() >= p.nodes(), p.describe());
            if (p.partitions() < io.chorus.replication.ring.Ring.defaultPartitions(p.nodes())) fewPartitions++;
            sizes.add(p.nodes());
            factors.add(p.replicationFactor());
            clients.add(p.workload().clients());
            if (p.faults().partitionMeanIntervalMicros() == 0) withoutPartitions++;
            if (p.faults().crashMeanIntervalMicros() == 0) withoutCrashes++;
            if (p.links().lossRate() > 0) withLoss++;
        }
        assertEquals(new TreeSet<>(java.util.List.of(3, 4, 5, 6, 7)), sizes);
        assertEquals(new TreeSet<>(java.util.List.of(1, 2, 3, 4, 5)), factors);
        assertEquals(8, clients.size());
        assertTrue(withoutPartitions > 50 && withoutPartitions < 250, "runs without partitions: " + withoutPartitions);
        assertTrue(withoutCrashes > 50 && withoutCrashes < 250, "runs without crashes: " + withoutCrashes);
        assertTrue(withLoss > 250, "runs with loss: " + withLoss);
        assertTrue(fewPartitions > 100 && fewPartitions < 200, "runs with few partitions: " + fewPartitions);
    }

    @Test
    void explorationModesAreOnlyOnWhenAskedFor() {
        RunParameters p = RunParameters.draw(3, new RunOptions(60, true, true));
        assertTrue(p.faults().powerLossModel());
        assertEquals(RunOptions.LATE_DUPLICATE_MAX_MICROS, p.links().lateDuplicateMaxMicros());
        assertTrue(p.describe().contains("trailing by up to 10s"), p.describe());
        assertEquals("--virtual-seconds 60 --power-loss --late-duplicates", p.options().flags());
    }
}
