package io.chorus.bench.run;

import io.chorus.bench.report.BenchResult;
import io.chorus.bench.report.Summary;
import io.chorus.bench.store.LocalStore;
import io.chorus.bench.store.Store;
import io.chorus.bench.workload.OpType;
import io.chorus.bench.workload.Workload;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole runs on real threads, bounded by operation count (never by time), against in-memory stores. */
class DriverTest {
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    BenchResult run(BenchConfig config, Store store) throws InterruptedException {
        return new Driver(config, List.of(store), Ticker.SYSTEM, out, 1234).run("test store");
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHealthyStorePassesEveryCheck() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.A, 300, 3, 3000, Consistency.QUORUM, Consistency.QUORUM);
        BenchResult r = run(config, new LocalStore());
        assertEquals(300, r.load().metrics().completedCount());
        assertEquals(3000, r.run().metrics().completedCount());
        assertEquals(0, r.run().metrics().errorCount());
        assertEquals(0, r.staleReads());
        assertTrue(r.checkedReads() > 1000, "every key was loaded, so every read is checked: " + r.checkedReads());
        assertTrue(r.verification().allVerified());
        long updates = r.run().metrics().totalResponse(OpType.UPDATE).getTotalCount();
        assertEquals(300 + updates, r.verification().acknowledgedWrites(), "the load's writes and the run's updates");
        assertEquals(300, r.verification().keysRead());
        assertTrue(r.passed());
        Summary.print(r, out);
        assertTrue(printed().contains("[run "), "a progress line");
        assertTrue(printed().contains("stale reads: 0 of "), printed());
        assertTrue(printed().contains("all acknowledged writes verified"), printed());
        assertTrue(printed().contains("result: PASS"));
    }

    @Test
    void aStoreServingStaleDataIsCaught() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.A, 50, 1, 2000, Consistency.QUORUM, Consistency.QUORUM);
        BenchResult r = run(config, FakeStores.oneWriteBehind());
        assertTrue(r.staleReads() > 100, "reads return the state before the last write: " + r.staleReads());
        assertFalse(r.staleExamples().isEmpty());
        assertFalse(r.verification().allVerified(), "the final read-back is one write behind too");
        assertFalse(r.passed());
        Summary.print(r, out);
        assertTrue(printed().contains("so it must be 0"));
        assertTrue(printed().contains("result: FAIL"));
    }

    @Test
    void staleReadsBelowAQuorumAreCountedButAllowed() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.A, 50, 1, 1000, Consistency.ONE, Consistency.ONE);
        BenchResult r = run(config, FakeStores.oneWriteBehind());
        assertTrue(r.staleReads() > 0);
        assertFalse(config.promisesFreshReads());
        assertFalse(r.passed(), "still fails: the read-back misses acknowledged writes");
    }

    @Test
    void aStoreThatLosesAcknowledgedWritesFailsTheReadBack() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.A, 200, 2, 1000, Consistency.QUORUM, Consistency.QUORUM);
        BenchResult r = run(config, FakeStores.losingWrites(n -> n % 50 != 0));
        Verifier.Result v = r.verification();
        assertTrue(v.missingKeys() > 0, "every 50th write was acknowledged and dropped");
        assertTrue(v.examples().get(0).contains("does not show acknowledged write"), v.examples().get(0));
        assertFalse(r.passed());
    }

    @Test
    void failuresAreCountedByKindAndNothingIsVerifiedThatWasNotAcknowledged() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.B, 20, 2, 100, Consistency.QUORUM, Consistency.QUORUM);
        BenchResult r = run(config, FakeStores.failing(new IllegalStateException("down")));
        assertEquals(20, r.load().metrics().errorCount());
        assertEquals(100, r.run().metrics().errorCount());
        assertEquals(100L, r.run().metrics().errorsByKind().get("IllegalStateException"));
        assertEquals(0, r.run().metrics().completedCount());
        assertEquals(0, r.verification().acknowledgedWrites());
    }

    @Test
    void workloadDInsertsNewKeysAndReadsThemBack() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.D, 200, 2, 4000, Consistency.QUORUM, Consistency.QUORUM);
        BenchResult r = run(config, new LocalStore());
        long inserts = r.run().metrics().totalResponse(OpType.INSERT).getTotalCount();
        assertTrue(inserts > 100, "5% of 4000 operations insert: " + inserts);
        assertEquals(200 + inserts, r.verification().keysRead(), "inserted keys are read back too");
        assertEquals(0, r.run().metrics().notFoundCount(), "reads only pick keys whose insert completed");
        assertTrue(r.passed());
    }

    @Test
    void workloadFWritesBackWithTheContextOfItsRead() throws InterruptedException {
        BenchConfig config = Configs.of(Workload.F, 100, 2, 2000, Consistency.QUORUM, Consistency.QUORUM);
        LocalStore store = new LocalStore();
        BenchResult r = run(config, store);
        assertTrue(r.passed());
        // every write carried a context covering what was there, so no key piled up siblings
        for (long i = 0; i < 100; i++) {
            var read = store.get(r.config().keyPrefix().concat(Long.toString(i)).getBytes(StandardCharsets.US_ASCII), Consistency.ONE)
                    .toCompletableFuture().join();
            assertTrue(read.values().size() <= 2, "key " + i + " has " + read.values().size() + " siblings");
        }
        assertNotNull(r.run().metrics().totalResponse(OpType.READ_MODIFY_WRITE));
    }

    @Test
    void stoppingEndsTheRunAtOnceAndTheResultSaysItWasInterrupted() throws Exception {
        BenchConfig config = Configs.of(Workload.A, 100, 2, Long.MAX_VALUE, Consistency.QUORUM, Consistency.QUORUM);
        Driver driver = new Driver(config, List.of(new LocalStore()), Ticker.SYSTEM, out, 1);
        java.util.concurrent.FutureTask<BenchResult> running = new java.util.concurrent.FutureTask<>(() -> driver.run("test store"));
        Thread thread = new Thread(running, "driver-under-test");
        thread.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (driver.shared().writeLog().acknowledgedCount() < 1000) { // the run phase is under way
            assertTrue(System.nanoTime() < deadline, "the run never got going");
            Thread.onSpinWait();
        }
        driver.stop();
        BenchResult r = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(r.interrupted());
        assertFalse(r.passed(), "an interrupted run passes nothing");
        assertEquals(null, r.verification());
        assertTrue(r.run().metrics().completedCount() > 0);
    }

    @Test
    void loadingTwiceReplacesTheOldValuesInsteadOfAddingSiblings() throws InterruptedException {
        LocalStore store = new LocalStore();
        BenchConfig config = Configs.of(Workload.C, 50, 1, 10, Consistency.QUORUM, Consistency.QUORUM);
        run(config, store);
        run(config, store);
        var read = store.get("user7".getBytes(StandardCharsets.US_ASCII), Consistency.ONE).toCompletableFuture().join();
        assertEquals(1, read.values().size());
    }
}
