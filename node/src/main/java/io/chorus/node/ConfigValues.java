package io.chorus.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The raw text of a config (file values overlaid by overrides), remembering where each value came
 * from, with typed readers whose errors name the key, its source, what was expected and what came.
 */
final class ConfigValues {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    void put(String key, String value, String source) {
        String k = key.trim();
        if (ConfigKey.byKey(k).isEmpty()) {
            throw new ConfigException("unknown config key '" + k + "' (" + source + "); known keys: " + String.join(", ", ConfigKey.allKeys()));
        }
        values.put(k, value == null ? "" : value.trim());
        sources.put(k, source);
    }

    boolean has(ConfigKey key) {
        return values.containsKey(key.key()) && !values.get(key.key()).isEmpty();
    }

    String text(ConfigKey key, String fallback) {
        return has(key) ? values.get(key.key()) : fallback;
    }

    int intIn(ConfigKey key, int fallback, int min, int max, String unit) {
        return (int) longIn(key, fallback, min, max, unit);
    }

    long longIn(ConfigKey key, long fallback, long min, long max, String unit) {
        if (!has(key)) return fallback;
        String raw = values.get(key.key());
        long value;
        try {
            value = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, "an integer from " + min + " to " + max + " (" + unit + ")");
        }
        if (value < min || value > max) throw bad(key, "an integer from " + min + " to " + max + " (" + unit + ")");
        return value;
    }

    /** Parses with {@code parser}; an IllegalArgumentException from it becomes a ConfigException naming the key. */
    <T> T parsed(ConfigKey key, T fallback, String expected, Function<String, T> parser) {
        if (!has(key)) return fallback;
        try {
            return parser.apply(values.get(key.key()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(key) + ": expected " + expected + ", got '" + values.get(key.key()) + "' (" + e.getMessage() + ")", e);
        }
    }

    ConfigException bad(ConfigKey key, String expected) {
        return bad(key, expected, null);
    }

    /** @param effective the value in force, for a key left at its default (which has no text to quote) */
    ConfigException bad(ConfigKey key, String expected, Object effective) {
        String raw = values.get(key.key());
        String got = raw != null ? "'" + raw + "'" : "its default" + (effective == null ? "" : " (" + effective + ")");
        return new ConfigException(describe(key) + ": expected " + expected + ", got " + got);
    }

    /** "config key 'x' (in FILE)", or without a source when the key was left at its default. */
    String describe(ConfigKey key) {
        String source = sources.get(key.key());
        return "config key '" + key.key() + "'" + (source == null ? " (default)" : " (" + source + ")");
    }
}
