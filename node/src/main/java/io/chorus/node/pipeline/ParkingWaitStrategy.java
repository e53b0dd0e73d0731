package io.chorus.node.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * How the handler thread waits for events: a short spin, then it parks, and a publisher wakes it
 * only when it is actually parked. The Disruptor's {@code BlockingWaitStrategy} takes a lock and
 * signals a condition on every publish, busy handler or not; on a loaded node that lock was a
 * measurable share of the network threads' time and of the kernel time (futex calls). Here a
 * publish that finds the handler running costs one volatile read.
 *
 * <p>No lost wake-up: the handler announces itself ({@code waiter = thread}) and then re-reads the
 * cursor; a publisher advances the cursor and then reads {@code waiter}. Both are volatile, so
 * either the handler sees the new cursor or the publisher sees the waiter and unparks it (an
 * unpark that comes before the park is remembered by the thread's permit). Exactly one thread
 * waits: the pipeline has one handler.
 */
final class ParkingWaitStrategy implements WaitStrategy {
    /**
     * Spins before parking. A few microseconds: long enough to catch the next event of a burst
     * without a futex round trip, short enough not to take a core from the network threads on a
     * 2-core machine.
     */
    static final int SPINS = 100;

    private volatile Thread waiter;

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier) throws AlertException {
        if (cursor.get() < sequence) {
            for (int i = 0; i < SPINS && cursor.get() < sequence; i++) {
                Thread.onSpinWait();
            }
            if (cursor.get() < sequence) park(sequence, cursor, barrier);
        }
        long available;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            Thread.onSpinWait();
        }
        return available;
    }

    private void park(long sequence, Sequence cursor, SequenceBarrier barrier) throws AlertException {
        Thread self = Thread.currentThread();
        try {
            while (true) {
                waiter = self;
                if (cursor.get() >= sequence) return;
                barrier.checkAlert();
                LockSupport.park(this);
            }
        } finally {
            waiter = null;
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        Thread parked = waiter;
        if (parked != null) LockSupport.unpark(parked);
    }
}
