package io.chorus.bench.workload;

import java.util.Locale;

/** How a workload picks the key of each operation (YCSB's request distributions). */
public enum KeyDistribution {
    /** Every existing key equally likely. */
    UNIFORM,
    /** A few keys are hot (Zipf, constant 0.99), spread over the key space by a hash, as YCSB's scrambled zipfian. */
    ZIPFIAN,
    /** The most recently inserted keys are hot (Zipf over recency), as YCSB's skewed-latest. */
    LATEST;

    public static KeyDistribution parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown key distribution \"" + text + "\" (expected uniform, zipfian or latest)");
        }
    }
}
