package io.chorus.bench.run;

import io.chorus.bench.check.CounterTally;
import io.chorus.bench.store.LocalStore;
import io.chorus.bench.store.Store;
import io.chorus.bench.workload.KeySpace;
import io.chorus.bench.workload.Keys;
import io.chorus.bench.workload.Values;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter read-back in virtual time: what it re-reads, what it gives up on at once, what it skips. */
class CounterReadBackTest {
    final FakeTicker ticker = new FakeTicker();
    final SharedState shared = new SharedState(new KeySpace(10, 10), new Keys("c"), new Values(1, 32));
    final LocalStore store = new LocalStore();

    /** Counter {@code index}: {@code acknowledged} increments recorded, {@code held} in the store. */
    void counter(long index, long acknowledged, long held) {
        CounterTally t = shared.counterLog().tally(index);
        for (long i = 0; i < acknowledged; i++) {
            t.sent();
            t.acknowledged();
        }
        store.increment(shared.keys().key(index), held, Consistency.ALL);
    }

    Verifier.Result verify(Store through, long timeoutMillis) throws InterruptedException {
        return new Verifier(new CounterReadBack(shared, Consistency.ALL, Long.MAX_VALUE), shared.keys(), List.of(through),
                Consistency.ALL, 2, ticker, TimeUnit.MILLISECONDS.toNanos(timeoutMillis)).verify();
    }

    @Test
    void aCounterAboveItsCeilingIsNotReadAgainSinceIncrementsNeverUndo() throws InterruptedException {
        counter(0, 3, 3);
        counter(1, 3, 4);
        Verifier.Result r = verify(store, 2000);
        assertEquals(1, r.rounds(), "nothing could mend: one round");
        assertEquals(1, r.missingKeys());
        assertEquals(2, r.keysRead());
        assertTrue(r.examples().get(0).startsWith("c1 reads 4 where [3, 3] was allowed"), r.examples().get(0));
    }

    @Test
    void aCounterBelowItsFloorIsReadAgainUntilTheDeadline() throws InterruptedException {
        counter(0, 3, 2);
        Verifier.Result r = verify(store, 1000);
        assertTrue(r.rounds() > 1, r.toString());
        assertEquals(1, r.missingKeys());
        assertTrue(r.examples().get(0).contains("1 acknowledged increment(s) missing"), r.examples().get(0));
    }

    @Test
    void aReplicaThatCatchesUpBeforeTheDeadlinePasses() throws InterruptedException {
        counter(0, 3, 3);
        long visibleAt = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
        Store catchingUp = new FakeCounters.Backed() {
            @Override
            public CompletionStage<Long> counterValue(byte[] key, Consistency level) {
                return store.counterValue(key, level).thenApply(v -> ticker.nanoTime() < visibleAt ? v - 1 : v);
            }
        };
        Verifier.Result r = verify(catchingUp, 2000);
        assertTrue(r.allVerified(), r.toString());
        assertTrue(r.rounds() > 1);
    }

    @Test
    void indeterminateIncrementsWidenTheRangeAndTheResultSaysHowManyCounted() throws InterruptedException {
        counter(0, 2, 3);
        CounterTally t = shared.counterLog().tally(0);
        t.sent();
        t.indeterminate();
        t.sent();
        t.indeterminate();
        Verifier.Result r = verify(store, 0);
        assertTrue(r.allVerified(), r.toString());
        assertEquals(new Verifier.CounterTotals(2, 1, 0), r.counters());
    }

    @Test
    void countersWhoseStartIsUnknownAreSkippedAndCounted() throws InterruptedException {
        counter(0, 1, 1);
        counter(1, 1, 5);
        shared.counterLog().tally(1).started(CounterTally.UNKNOWN);
        shared.counterLog().tally(2).started(0); // loaded, never incremented: nothing of the run's to check
        Verifier.Result r = verify(store, 0);
        assertTrue(r.allVerified(), r.toString());
        assertEquals(1, r.keysRead());
        assertEquals(1, r.counters().countersSkipped());
    }
}
