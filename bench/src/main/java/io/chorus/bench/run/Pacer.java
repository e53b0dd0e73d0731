package io.chorus.bench.run;

/**
 * When each operation of one driver thread is meant to start.
 *
 * <p>Closed loop: as soon as the previous one finished (the intended start is the actual start).
 * Open loop at a fixed rate: on a fixed schedule {@code first + k * interval}, whatever happened
 * before. Latency is measured from this intended start, so when the store stalls, the operations
 * that should have been sent during the stall are charged the time they waited, instead of
 * vanishing from the histogram ("coordinated omission").
 */
public abstract class Pacer {

    /** The intended start of the next operation, given the current time. */
    public abstract long nextIntendedStart(long nowNanos);

    public abstract boolean isOpenLoop();

    public static Pacer closedLoop() {
        return new Pacer() {
            @Override
            public long nextIntendedStart(long nowNanos) {
                return nowNanos;
            }

            @Override
            public boolean isOpenLoop() {
                return false;
            }
        };
    }

    /**
     * Thread {@code threadIndex} of {@code threads} sharing {@code opsPerSecond} in total: each
     * thread sends every {@code threads / rate} seconds, the threads staggered by {@code 1 / rate}
     * so that the sends are evenly spread.
     */
    public static Pacer fixedRate(double opsPerSecond, int threads, int threadIndex, long startNanos) {
        if (!(opsPerSecond > 0)) throw new IllegalArgumentException("rate must be > 0 ops/s, got " + opsPerSecond);
        double intervalNanos = threads * 1e9 / opsPerSecond;
        double firstNanos = startNanos + threadIndex * 1e9 / opsPerSecond;
        return new Pacer() {
            private long sent;

            @Override
            public long nextIntendedStart(long nowNanos) {
                return (long) (firstNanos + intervalNanos * sent++);
            }

            @Override
            public boolean isOpenLoop() {
                return true;
            }
        };
    }
}
