package io.chorus.simulation.world;

import io.chorus.replication.state.AppliedOps;
import io.chorus.simulation.workload.CrdtMix;
import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** A TTL client in about half the runs, with TTLs a put accepts (1 s or more). */
    @Test
    void aTtlClientRunsInAboutHalfTheSeeds() {
        int on = 0;
        for (long seed = 1; seed <= 500; seed++) {
            RunParameters p = RunParameters.draw(seed, 60);
            if (!p.ttl().on()) continue;
            on++;
            assertTrue(p.ttl().ttlMinMillis() >= 1_000 && p.ttl().ttlMaxMillis() <= 3_000, p.describe());
        }
        assertTrue(on > 200 && on < 300, "runs with a TTL client: " + on);
    }

    /** CRDT clients in about 60% of runs, 1..3 of them, sometimes on one type only; never past the replicas' memory of op ids. */
    @Test
    void crdtClientsRunInMostSeedsWithinTheReplicasBound() {
        int on = 0, countersOnly = 0, setsOnly = 0;
        TreeSet<Integer> clients = new TreeSet<>(), attempts = new TreeSet<>();
        for (long seed = 1; seed <= 500; seed++) {
            RunParameters p = RunParameters.draw(seed, 60);
            CrdtMix crdt = p.crdt();
            assertEquals(p.workload().clients() + crdt.clients() + p.ttl().clients(), p.clientCount(), p.describe());
            if (!crdt.on()) continue;
            on++;
            clients.add(crdt.clients());
            attempts.add(crdt.attemptsMax());
            if (crdt.setAddWeight() + crdt.setReadWeight() == 0) countersOnly++;
            if (crdt.counterAddWeight() + crdt.counterReadWeight() == 0) setsOnly++;
            assertEquals(p.workload().clientTimeoutMicros(), crdt.clientTimeoutMicros(), p.describe());
            assertTrue(crdt.clients() * crdt.retrySpanMaxMicros() / crdt.thinkMeanMicros() <= AppliedOps.CAPACITY / 2, p.describe());
            assertTrue(p.describe().contains("crdt workload: " + crdt.clients() + " clients"), p.describe());
            assertFalse(RunParameters.draw(seed, new RunOptions(60, false, false, true)).crdt().on(), "--no-crdt");
        }
        assertTrue(on > 250 && on < 350, "runs with CRDT clients: " + on);
        assertEquals(new TreeSet<>(java.util.List.of(1, 2, 3)), clients);
        assertEquals(new TreeSet<>(java.util.List.of(2, 3, 4)), attempts);
        assertTrue(countersOnly > 20 && setsOnly > 20, "counters only " + countersOnly + ", sets only " + setsOnly);
    }

    /** The CRDT draw comes last, from its own stream: turning it off changes no other parameter. */
    @Test
    void theCrdtDrawLeavesEveryOtherParameterAsItWas() {
        for (long seed = 1; seed <= 100; seed++) {
            RunParameters drawn = RunParameters.draw(seed, 60);
            RunParameters without = RunParameters.draw(seed, new RunOptions(60, false, false, true));
            assertEquals(drawn.withCrdt(CrdtMix.OFF).describe(), without.describe().replace(" --no-crdt", ""));
        }
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
