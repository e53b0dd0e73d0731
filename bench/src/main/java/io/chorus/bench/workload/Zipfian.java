package io.chorus.bench.workload;

/**
 * Zipf-distributed ranks in [0, items): rank 0 is the most popular, with probability proportional to
 * 1 / (rank+1)^theta. The algorithm of Gray et al., "Quickly Generating Billion-Record Synthetic
 * Databases" (SIGMOD 1994), as in YCSB's ZipfianGenerator: one uniform draw per sample, no table.
 * Immutable; {@link #grownTo} extends the normalising constant incrementally as keys are inserted.
 */
public final class Zipfian {
    /** YCSB's constant. */
    public static final double THETA = 0.99;

    private final long items;
    private final double theta;
    private final double zetan;
    private final double alpha;
    private final double eta;
    private final double halfPowTheta;

    private Zipfian(long items, double theta, double zetan) {
        if (items < 1) throw new IllegalArgumentException("zipfian needs at least one item, got " + items);
        if (!(theta > 0 && theta < 1)) throw new IllegalArgumentException("zipfian constant must be in (0, 1), got " + theta);
        this.items = items;
        this.theta = theta;
        this.zetan = zetan;
        this.alpha = 1.0 / (1.0 - theta);
        double zeta2 = zeta(0, 2, theta, 0);
        this.eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetan);
        this.halfPowTheta = Math.pow(0.5, theta);
    }

    /** Computes the normalising constant: O(items) once. */
    public static Zipfian of(long items, double theta) {
        return new Zipfian(items, theta, zeta(0, items, theta, 0));
    }

    /** With a precomputed constant (YCSB's scrambled zipfian uses one for ten billion items). */
    public static Zipfian withZeta(long items, double theta, double zetan) {
        return new Zipfian(items, theta, zetan);
    }

    /** The same distribution over more items, adding only the new terms of the constant. */
    public Zipfian grownTo(long moreItems) {
        if (moreItems == items) return this;
        if (moreItems < items) return of(moreItems, theta);
        return new Zipfian(moreItems, theta, zeta(items, moreItems, theta, zetan));
    }

    /** A rank in [0, items) for a uniform draw {@code u} in [0, 1). */
    public long sample(double u) {
        double uz = u * zetan;
        if (uz < 1.0) return 0;
        if (uz < 1.0 + halfPowTheta) return Math.min(1, items - 1);
        long rank = (long) (items * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(Math.max(rank, 0), items - 1);
    }

    public long items() {
        return items;
    }

    /** sum over i in (from, to] of 1 / i^theta, added to {@code initial}. */
    private static double zeta(long from, long to, double theta, double initial) {
        double sum = initial;
        for (long i = from; i < to; i++) sum += 1 / Math.pow(i + 1, theta);
        return sum;
    }
}
