package io.chorus.bench.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value}, {@code --name=value} and {@code --flag} options, checked against the names
 * a command accepts. Every failure is an {@link IllegalArgumentException} whose message names the
 * option and what was wrong, shown to the user as is.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Options() {
    }

    static Options parse(String[] args, Set<String> valued, Set<String> flags) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument \"" + arg + "\" (options start with --)");
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(2, equals) : arg.substring(2);
            if (flags.contains(name)) {
                if (equals > 0) throw new IllegalArgumentException("--" + name + " takes no value");
                o.values.put(name, "true");
            } else if (valued.contains(name)) {
                String value;
                if (equals > 0) value = arg.substring(equals + 1);
                else if (i + 1 < args.length) value = args[++i];
                else throw new IllegalArgumentException("--" + name + " needs a value");
                o.values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return o;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.replace("_", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got \"" + v + "\"");
        }
    }

    int intValue(String name, int fallback) {
        long v = longValue(name, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw new IllegalArgumentException("--" + name + " is out of range: " + v);
        return (int) v;
    }

    double doubleValue(String name, double fallback) {
        String v = values.get(name);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got \"" + v + "\"");
        }
    }

    Duration duration(String name, Duration fallback) {
        String v = values.get(name);
        return v == null ? fallback : parseDuration(name, v);
    }

    /** {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    static Duration parseDuration(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            if (t.endsWith("s")) return millis(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000);
            if (t.endsWith("m")) return millis(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60_000);
            if (t.endsWith("h")) return millis(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 3_600_000);
            return millis(Double.parseDouble(t) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration like 60s, 500ms or 2m, got \"" + text + "\"");
        }
    }

    private static Duration millis(double ms) {
        if (!(ms >= 0)) throw new NumberFormatException("negative");
        return Duration.ofMillis(Math.round(ms));
    }
}
