package io.chorus.bench.check;

/**
 * One point of a measured staleness profile: of {@code samples} reads issued {@code delayMillis}
 * after a write's acknowledgement, {@code misses} did not see the write ({@code errors} failed and
 * are not samples).
 */
public record StalenessPoint(double delayMillis, long samples, long misses, long errors) {
    private static final double Z_95 = 1.96;

    public double missProbability() {
        return samples == 0 ? Double.NaN : (double) misses / samples;
    }

    /** The 95% Wilson score interval of the miss probability: honest at 0 and 1, unlike p +- 2 sigma. */
    public double[] interval95() {
        if (samples == 0) return new double[]{0, 1};
        double n = samples;
        double p = missProbability();
        double z2 = Z_95 * Z_95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
