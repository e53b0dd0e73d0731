package io.chorus.bench.run;

import java.util.concurrent.atomic.AtomicLong;

/** Virtual time for one test thread: parking jumps the clock forward; stores may advance it too. */
final class FakeTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void parkUntil(long deadlineNanos) {
        now.accumulateAndGet(deadlineNanos, Math::max);
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
