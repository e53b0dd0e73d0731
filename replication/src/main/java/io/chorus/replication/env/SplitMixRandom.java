package io.chorus.replication.env;

/**
 * A small, fast, seedable {@link RandomSource} (SplitMix64). Deterministic for a given seed, so
 * the simulator can replay a run; production seeds it from a secure source at startup.
 */
public final class SplitMixRandom implements RandomSource {
    private long state;

    public SplitMixRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, was " + bound);
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    @Override
    public boolean chance(double p) {
        if (p <= 0) return false;
        if (p >= 1) return true;
        return (nextLong() >>> 11) * 0x1.0p-53 < p;
    }

    @Override
    public RandomSource fork() {
        return new SplitMixRandom(nextLong() ^ 0x5DEECE66DL);
    }
}
