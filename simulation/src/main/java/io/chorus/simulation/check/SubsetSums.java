package io.chorus.simulation.check;

/**
 * Which totals some subset of a list of positive amounts adds up to: a bit set over 0..sum, built by
 * shift-and-or, one pass per amount. Exact but pseudo-polynomial, so callers ask only while the
 * work stays small ({@link #feasible}) and fall back to the bounds 0..sum otherwise.
 */
final class SubsetSums {
    /** Word operations one check may take: about a tenth of a second. */
    static final long WORK_MAX = 50_000_000L;

    private final long[] words; // bit t set: some subset sums to t

    private SubsetSums(long[] words) {
        this.words = words;
    }

    static long sum(long[] amounts) {
        long sum = 0;
        for (long a : amounts) sum = Math.addExact(sum, a);
        return sum;
    }

    /** Whether the exact table for {@code amounts} is cheap enough to build. */
    static boolean feasible(long[] amounts) {
        long words = sum(amounts) / 64 + 1;
        return words <= Integer.MAX_VALUE / 2 && words * Math.max(1, amounts.length) <= WORK_MAX;
    }

    static SubsetSums of(long[] amounts) {
        long sum = sum(amounts);
        if (!feasible(amounts)) throw new IllegalArgumentException("subset sums of " + amounts.length + " amounts totalling " + sum + " are too costly");
        long[] words = new long[(int) (sum / 64 + 1)];
        words[0] = 1; // the empty subset
        for (long amount : amounts) {
            if (amount <= 0) throw new IllegalArgumentException("amounts must be positive, was " + amount);
            int wordShift = (int) (amount / 64), bitShift = (int) (amount % 64);
            for (int i = words.length - 1; i >= wordShift; i--) { // high to low: each amount is used at most once
                int from = i - wordShift;
                long shifted = words[from] << bitShift;
                if (bitShift != 0 && from > 0) shifted |= words[from - 1] >>> (64 - bitShift);
                words[i] |= shifted;
            }
        }
        return new SubsetSums(words);
    }

    boolean reachable(long total) {
        if (total < 0 || total / 64 >= words.length) return false;
        return (words[(int) (total / 64)] >>> (total % 64) & 1) != 0;
    }
}
