package io.chorus.bench.run;

import io.chorus.bench.report.BenchResult;
import io.chorus.bench.report.JsonReport;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole counter runs on real threads, bounded by operation count, against in-memory counters right and wrong. */
class CounterWorkloadTest {
    static final int COUNTERS = 100;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    BenchResult run(BenchConfig config, Store store) throws InterruptedException {
        BenchResult r = new Driver(config, List.of(store), Ticker.SYSTEM, out, 77).run("test store");
        Summary.print(r, out);
        return r;
    }

    static BenchConfig config(Consistency level, int threads, long ops) {
        return Configs.of(Workload.COUNTER, COUNTERS, threads, ops, level, level);
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static long value(Store store, long counter) {
        return store.counterValue(("counter" + counter).getBytes(StandardCharsets.US_ASCII), Consistency.ALL).toCompletableFuture().join();
    }

    @Test
    void correctCountersPassAndHoldExactlyTheAcknowledgedIncrements() throws InterruptedException {
        LocalStore store = new LocalStore();
        BenchResult r = run(config(Consistency.QUORUM, 4, 4000), store);
        assertEquals(COUNTERS, r.load().metrics().totalResponse(OpType.COUNTER_READ).getTotalCount(), "the load reads every start");
        long increments = r.run().metrics().totalResponse(OpType.INCREMENT).getTotalCount();
        long reads = r.run().metrics().totalResponse(OpType.COUNTER_READ).getTotalCount();
        assertEquals(4000, increments + reads);
        assertTrue(increments > 1500 && reads > 1500, "half and half: " + increments + " / " + reads);
        assertEquals(0, r.staleReads());
        assertTrue(r.checkedReads() > 1000, "reads of counters already incremented are checked: " + r.checkedReads());
        Verifier.Result v = r.verification();
        assertTrue(v.allVerified(), v.toString());
        assertEquals(increments, v.acknowledgedWrites());
        assertEquals(0, v.counters().indeterminate());
        long sum = 0;
        for (long i = 0; i < COUNTERS; i++) sum += value(store, i);
        assertEquals(increments, sum, "every acknowledged increment counted once");
        assertTrue(r.passed());
        assertTrue(printed().contains("| incr "), "a progress line with the increments: " + printed());
        assertTrue(printed().contains("ops/s, read ALL"), "the load reads at the verify level: " + printed());
        assertFalse(printed().contains("found nothing"), "a counter never written reads 0, it is not missing");
        assertTrue(printed().contains("hold start + acknowledged increments"), printed());
        assertTrue(printed().contains("result: PASS"));
    }

    @Test
    void countersThatAlreadyHoldValuesAreCountedFromTheStartTheLoadRead() throws InterruptedException {
        LocalStore store = new LocalStore();
        for (long i = 0; i < COUNTERS; i++) store.increment(("counter" + i).getBytes(StandardCharsets.US_ASCII), i, Consistency.ALL);
        assertTrue(run(config(Consistency.QUORUM, 2, 2000), store).passed(), printed());

        BenchResult skippingTheLoad = run(Configs.withoutLoad(config(Consistency.QUORUM, 2, 2000)), store);
        assertFalse(skippingTheLoad.passed(), "without the load every counter is taken to start at 0");
        assertTrue(printed().contains("too many"), printed());
        assertTrue(printed().contains("the load was skipped"), printed());
    }

    @Test
    void aLostIncrementFailsTheRun() throws InterruptedException {
        BenchResult r = run(config(Consistency.QUORUM, 2, 2000), FakeCounters.losing(n -> n != 100));
        Verifier.Result v = r.verification();
        assertEquals(1, v.missingKeys(), v.toString());
        assertTrue(v.examples().get(0).contains("1 acknowledged increment(s) missing"), v.examples().get(0));
        assertFalse(r.passed());
        assertTrue(printed().contains("verification: FAILED"), printed());
        assertTrue(printed().contains("result: FAIL"));
    }

    @Test
    void anIncrementCountedTwiceFailsTheRun() throws InterruptedException {
        BenchResult r = run(config(Consistency.QUORUM, 2, 2000), FakeCounters.doubleCounting(n -> n == 100));
        Verifier.Result v = r.verification();
        assertEquals(1, v.missingKeys(), v.toString());
        assertTrue(v.examples().get(0).contains("1 too many"), v.examples().get(0));
        assertFalse(r.passed());
    }

    @Test
    void timedOutIncrementsWidenTheRangeWhetherOrNotTheyCounted() throws InterruptedException {
        for (boolean applied : new boolean[]{true, false}) {
            BenchResult r = run(config(Consistency.QUORUM, 2, 3000), FakeCounters.timingOut(n -> n % 10 == 0, applied));
            Verifier.Result v = r.verification();
            assertTrue(r.passed(), "applied " + applied + ": " + v);
            long unknown = v.counters().indeterminate();
            assertTrue(unknown > 50, "every 10th increment timed out: " + unknown);
            assertEquals(applied ? unknown : 0, v.counters().indeterminateApplied());
            long refused = r.run().metrics().errorsByKind().get("IllegalStateException");
            assertTrue(refused > 50, "refusals are errors but never widen the range: " + refused);
            assertEquals(unknown + refused, r.run().metrics().errors(OpType.INCREMENT));
        }
    }

    @Test
    void aReadBelowTheAcknowledgedIncrementsIsStaleAndFailsTheRunWhereRPlusWExceedsN() throws InterruptedException {
        BenchResult quorum = run(config(Consistency.QUORUM, 1, 2000), FakeCounters.oneBehindBelowAll());
        assertTrue(quorum.staleReads() > 100, "a read one increment behind: " + quorum.staleReads());
        assertTrue(quorum.staleExamples().get(0).contains("increments acknowledged before the read started"), quorum.staleExamples().get(0));
        assertTrue(quorum.verification().allVerified(), "reads at ALL are right");
        assertFalse(quorum.passed());

        BenchResult one = run(config(Consistency.ONE, 1, 2000), FakeCounters.oneBehindBelowAll());
        assertTrue(one.staleReads() > 100);
        assertTrue(one.passed(), "at ONE a counter read may lag: counted, allowed");
    }

    @Test
    void theReadShareIsConfigurableAndTheJsonSaysWhatWasChecked() throws InterruptedException {
        BenchResult r = run(Configs.withMix(config(Consistency.QUORUM, 2, 1000), Workload.counterMix(0.9)), new LocalStore());
        long increments = r.run().metrics().totalResponse(OpType.INCREMENT).getTotalCount();
        assertTrue(increments > 50 && increments < 150, "10% of 1000: " + increments);
        String json = JsonReport.toJson(r);
        assertTrue(json.contains("\"operations\":{\"incr\":0.1,\"read\":0.9}"), json);
        assertTrue(json.contains("\"indeterminateIncrements\":0"), json);
        assertTrue(json.contains("\"keyPrefix\":\"counter\""), json);
    }
}
