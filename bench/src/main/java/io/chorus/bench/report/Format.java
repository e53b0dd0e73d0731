package io.chorus.bench.report;

import java.util.Map;

/** Number formatting shared by the progress lines and the summary. */
public final class Format {
    private Format() {
    }

    /** Microseconds as milliseconds with two decimals (three below 1 ms). */
    public static String millis(long micros) {
        double ms = micros / 1000.0;
        return ms < 1 ? String.format("%.3f", ms) : String.format("%.2f", ms);
    }

    public static String millis(double micros) {
        return millis(Math.round(micros));
    }

    /** {@code Timeout 3, Unavailable 1}, or {@code none}. */
    public static String counts(Map<String, Long> byKind) {
        if (byKind.isEmpty()) return "none";
        StringBuilder b = new StringBuilder();
        byKind.forEach((k, v) -> {
            if (b.length() > 0) b.append(", ");
            b.append(k).append(' ').append(v);
        });
        return b.toString();
    }
}
