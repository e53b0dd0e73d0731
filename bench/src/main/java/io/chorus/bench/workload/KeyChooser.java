package io.chorus.bench.workload;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Picks the key index of the next operation among the keys that exist. Thread-safe: each driver
 * thread passes its own random source, so choosers hold no per-thread state.
 */
public interface KeyChooser {

    long next(SplittableRandom random);

    static KeyChooser of(KeyDistribution distribution, KeySpace keys) {
        return switch (distribution) {
            case UNIFORM -> random -> random.nextLong(keys.limit());
            case ZIPFIAN -> new ScrambledZipfian(keys);
            case LATEST -> new Latest(keys);
        };
    }

    /**
     * YCSB's scrambled zipfian: a zipfian rank over ten billion items hashed onto the key space, so
     * the hot keys are scattered rather than the first few indices (which would also sit together
     * on the ring).
     */
    final class ScrambledZipfian implements KeyChooser {
        static final long ITEMS = 10_000_000_000L;
        /** zeta(ITEMS, 0.99), precomputed by YCSB. */
        static final double ZETA_ITEMS = 26.46902820178302;
        private static final Zipfian RANKS = Zipfian.withZeta(ITEMS, Zipfian.THETA, ZETA_ITEMS);

        private final KeySpace keys;

        ScrambledZipfian(KeySpace keys) {
            this.keys = keys;
        }

        @Override
        public long next(SplittableRandom random) {
            return fnv64(RANKS.sample(random.nextDouble())) % keys.limit();
        }
    }

    /** YCSB's skewed latest: the newest existing key is the most popular, then the one before, and so on. */
    final class Latest implements KeyChooser {
        private final KeySpace keys;
        private final AtomicReference<Zipfian> ranks;

        Latest(KeySpace keys) {
            this.keys = keys;
            this.ranks = new AtomicReference<>(Zipfian.of(keys.limit(), Zipfian.THETA));
        }

        @Override
        public long next(SplittableRandom random) {
            long limit = keys.limit();
            Zipfian z = ranks.get();
            if (z.items() < limit) {
                Zipfian grown = z.grownTo(limit);   // a few new terms: inserts are a small share
                ranks.compareAndSet(z, grown);       // a lost race only means another thread grew it
                z = grown;
            }
            long rank = z.sample(random.nextDouble());
            return Math.max(0, limit - 1 - rank);
        }
    }

    /** 64-bit FNV-1a over the eight bytes of {@code value}, made non-negative. */
    static long fnv64(long value) {
        long hash = 0xCBF29CE484222325L;
        long v = value;
        for (int i = 0; i < 8; i++) {
            hash ^= v & 0xFF;
            hash *= 1099511628211L;
            v >>>= 8;
        }
        return hash & Long.MAX_VALUE;
    }
}
