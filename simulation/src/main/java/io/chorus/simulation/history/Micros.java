package io.chorus.simulation.history;

import java.util.Locale;

/** Virtual time in microseconds, formatted for people: {@code 12.345678s}. */
public final class Micros {
    public static final long PER_MILLI = 1_000;
    public static final long PER_SECOND = 1_000_000;

    private Micros() {
    }

    public static String format(long micros) {
        if (micros == Long.MAX_VALUE) return "never";
        return String.format(Locale.ROOT, "%d.%06ds", micros / PER_SECOND, micros % PER_SECOND);
    }
}
