package io.chorus.bench.run;

import io.chorus.bench.check.StalenessPoint;
import io.chorus.bench.check.WriteRecord;
import io.chorus.bench.store.Store;
import io.chorus.bench.workload.KeySpace;
import io.chorus.bench.workload.Keys;
import io.chorus.bench.workload.Values;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-back's retries and the staleness profile, on a store whose writes show up late, in virtual time. */
class VerifierAndStalenessTest {
    static final long LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private SharedState writeTenKeys(FakeTicker ticker, Store store) {
        SharedState shared = new SharedState(new KeySpace(10, 10), new Keys("k"), new Values(9, 32));
        for (long i = 0; i < 10; i++) {
            byte[] value = shared.values().make(i, i + 1);
            byte[] ack = store.put(shared.keys().key(i), value, null, Consistency.ONE).toCompletableFuture().join().context();
            shared.writeLog().acknowledged(i, new WriteRecord(i + 1, VersionVector.empty(), CausalContext.decode(ack), ticker.nanoTime()));
        }
        return shared;
    }

    @Test
    void theReadBackWaitsForLateReplicasUntilItsDeadline() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Store store = FakeStores.lagging(ticker, LAG_NANOS);
        SharedState shared = writeTenKeys(ticker, store);
        Verifier.Result r = new Verifier(shared, List.of(store), Consistency.ALL, 2, ticker, Long.MAX_VALUE,
                TimeUnit.SECONDS.toNanos(2)).verify();
        assertTrue(r.allVerified(), r.toString());
        assertTrue(r.rounds() > 1, "the first round must have missed the lagging writes: " + r);
        assertEquals(10, r.keysRead());
    }

    @Test
    void theReadBackGivesUpAtItsDeadlineAndSaysWhatIsMissing() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Store store = FakeStores.lagging(ticker, LAG_NANOS);
        SharedState shared = writeTenKeys(ticker, store);
        Verifier.Result r = new Verifier(shared, List.of(store), Consistency.ALL, 2, ticker, Long.MAX_VALUE,
                TimeUnit.MILLISECONDS.toNanos(500)).verify();
        assertFalse(r.allVerified());
        assertEquals(10, r.missingKeys());
        assertTrue(r.examples().get(0).contains("does not show acknowledged write"), r.examples().get(0));
    }

    @Test
    void theStalenessProfileMeasuresTheReplicationLag() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        long lagNanos = TimeUnit.MILLISECONDS.toNanos(5);
        Store store = FakeStores.lagging(ticker, lagNanos);
        double[] delays = {0, 2, 4.9, 5, 10};
        StalenessProbe probe = new StalenessProbe(new StalenessProbe.Config(delays, 20, 1, Consistency.ONE, Consistency.ONE,
                ReadVia.SAME, "pbs-", 32, Long.MAX_VALUE), List.of(store), ticker, 5);
        probe.probeUntilDone(store);
        List<StalenessPoint> points = probe.points();
        long[] expectedMisses = {20, 20, 20, 0, 0};
        for (int i = 0; i < delays.length; i++) {
            assertEquals(20, points.get(i).samples());
            assertEquals(expectedMisses[i], points.get(i).misses(), "t = " + delays[i] + " ms with a 5 ms lag");
        }
    }

    private static List<StalenessPoint> profile(FakeTicker ticker, Store store, ReadVia readVia, double[] delays) throws InterruptedException {
        StalenessProbe probe = new StalenessProbe(new StalenessProbe.Config(delays, 10, 1, Consistency.ONE, Consistency.ONE,
                readVia, "pbs-", 32, Long.MAX_VALUE), List.of(store), ticker, 5);
        probe.probeUntilDone(store);
        assertEquals(null, probe.firstError());
        return probe.points();
    }

    @Test
    void readingThroughAnotherReplicaSeesItsLagWhereReadingThroughTheWriterSeesNone() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Store store = FakeStores.replicated(ticker, TimeUnit.MILLISECONDS.toNanos(5));
        double[] delays = {0, 4.9, 5, 10};
        List<StalenessPoint> other = profile(ticker, store, ReadVia.OTHER, delays);
        List<StalenessPoint> same = profile(ticker, store, ReadVia.SAME, delays);
        long[] expectedOther = {10, 10, 0, 0};
        for (int i = 0; i < delays.length; i++) {
            assertEquals(expectedOther[i], other.get(i).misses(), "via another replica, t = " + delays[i] + " ms with a 5 ms lag");
            assertEquals(0, same.get(i).misses(), "via the writer, t = " + delays[i] + " ms: read-your-writes");
        }
    }

    @Test
    void aReadThatCannotGoThroughAnotherReplicaIsAnErrorWithItsReason() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        Store store = FakeStores.failingThroughReplicas(new IllegalStateException("no replica 1"));
        StalenessProbe probe = new StalenessProbe(new StalenessProbe.Config(new double[]{0, 1}, 3, 1, Consistency.ONE, Consistency.ONE,
                ReadVia.OTHER, "pbs-", 32, Long.MAX_VALUE), List.of(store), ticker, 5);
        probe.probeUntilDone(store);
        assertEquals(3, probe.points().get(0).errors());
        assertEquals(0, probe.points().get(0).samples(), "a failed probe is no sample");
        assertEquals("IllegalStateException: no replica 1", probe.firstError());
    }
}
