package io.chorus.simulation.world;

import io.chorus.replication.env.RandomSource;

/** Distributions on top of a {@link RandomSource}: everything the simulator draws goes through a seeded source. */
public final class Draw {
    private Draw() {
    }

    /** Uniform in [0, 1). */
    public static double unit(RandomSource random) {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    public static double between(RandomSource random, double low, double high) {
        return low + (high - low) * unit(random);
    }

    /** Uniform integer in [low, high], inclusive. */
    public static int intBetween(RandomSource random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** Exponentially distributed with the given mean (memoryless waits between faults). */
    public static long exponential(RandomSource random, double mean) {
        return (long) (-mean * Math.log(1 - unit(random)));
    }

    /** An index drawn with the given non-negative weights (at least one positive). */
    public static int weighted(RandomSource random, int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        assert total > 0 : "no positive weight";
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) return i;
        }
        throw new AssertionError("unreachable");
    }
}
