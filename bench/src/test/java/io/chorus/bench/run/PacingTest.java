package io.chorus.bench.run;

import io.chorus.bench.store.Store;
import io.chorus.bench.workload.KeyChooser;
import io.chorus.bench.workload.KeyDistribution;
import io.chorus.bench.workload.KeySpace;
import io.chorus.bench.workload.Keys;
import io.chorus.bench.workload.OpType;
import io.chorus.bench.workload.Values;
import io.chorus.bench.workload.Workload;
import io.chorus.replication.state.Consistency;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Open-loop pacing on a virtual clock: a store that answers in 0.1 ms but stalls once for 50 ms.
 * Open loop must charge the stall to every operation that was due during it; closed loop only
 * sees the one slow operation (coordinated omission), which is why open loop exists.
 */
class PacingTest {
    static final long NORMAL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final int OPS = 100;
    static final int STALLED_CALL = 10;

    record Outcome(Histogram response, Histogram service, long elapsedNanos) {
    }

    private Outcome run(boolean openLoop) {
        FakeTicker ticker = new FakeTicker();
        Store store = FakeStores.slow(ticker, call -> call == STALLED_CALL ? STALL_NANOS : NORMAL_NANOS);
        SharedState shared = new SharedState(new KeySpace(100, 100), new Keys("k"), new Values(1, 32));
        PhaseMetrics metrics = new PhaseMetrics(List.of(OpType.READ), openLoop);
        SplittableRandom random = new SplittableRandom(3);
        KeyChooser chooser = KeyChooser.of(KeyDistribution.UNIFORM, shared.keySpace());
        Operations ops = new Operations(shared, store, Consistency.ONE, Consistency.ONE, ticker, Long.MAX_VALUE, metrics, chooser, random);
        long start = ticker.nanoTime();
        Pacer pacer = openLoop ? Pacer.fixedRate(1000, 1, 0, start) : Pacer.closedLoop();
        new Worker(ops, Workload.C.mix(), pacer, ticker, new RunControl(Long.MAX_VALUE, OPS), metrics.newThread(), random).run();
        metrics.drain(false);
        return new Outcome(metrics.totalResponse(OpType.READ), metrics.totalService(OpType.READ), ticker.nanoTime() - start);
    }

    private static long countAtLeast(Histogram h, long micros) {
        return h.getTotalCount() - h.getCountBetweenValues(0, micros - 1);
    }

    @Test
    void openLoopChargesTheStallToEveryOperationDueDuringIt() {
        Outcome open = run(true);
        assertEquals(OPS, open.response().getTotalCount());
        // op k (k >= 10) is due at k ms and finishes at 60.1 + 0.1 (k - 10) ms while the backlog lasts,
        // so its latency from the intended start is 59.1 - 0.9 k ms: >= 10 ms for k = 10..54
        assertEquals(45, countAtLeast(open.response(), 10_000), "operations due during the stall");
        assertEquals(50_000, open.response().getMaxValue(), 100);
        // the service time (from the actual send) still shows one slow call only
        assertEquals(1, countAtLeast(open.service(), 10_000));
        // and the schedule held: 100 ops at 1 ms intervals end just after 99 ms
        assertEquals(TimeUnit.MICROSECONDS.toNanos(99_100), open.elapsedNanos(), 1_000);
    }

    @Test
    void closedLoopHidesTheStallBehindOneOperation() {
        Outcome closed = run(false);
        assertEquals(OPS, closed.response().getTotalCount());
        assertEquals(1, countAtLeast(closed.response(), 10_000));
        assertEquals(TimeUnit.MICROSECONDS.toNanos(99 * 100 + 50_000), closed.elapsedNanos(), 1_000);
    }

    @Test
    void fixedRateThreadsAreStaggeredAndEvenlySpaced() {
        Pacer second = Pacer.fixedRate(1000, 4, 1, 0);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1), second.nextIntendedStart(0));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), second.nextIntendedStart(0));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(9), second.nextIntendedStart(TimeUnit.SECONDS.toNanos(1)),
                "the schedule does not move when the thread is late");
        assertTrue(Pacer.fixedRate(10, 1, 0, 0).isOpenLoop());
    }

    @Test
    void runControlStopsAtTheDeadlineAndTheOperationBudget() {
        RunControl byOps = new RunControl(Long.MAX_VALUE, 2);
        assertTrue(byOps.admit(0));
        assertTrue(byOps.admit(0));
        assertTrue(!byOps.admit(0) && byOps.isStopped());
        RunControl byTime = new RunControl(100, Long.MAX_VALUE);
        assertTrue(byTime.admit(99));
        assertTrue(!byTime.admit(100));
    }
}
