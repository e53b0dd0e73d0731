package io.chorus.node;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Config keys from environment variables, the usual way to configure a container: each key has one
 * variable, {@code CHORUS_} followed by the key in upper case with {@code .} and each camel-case
 * hump turned into {@code _} ({@code node.dataDir} is {@code CHORUS_NODE_DATA_DIR},
 * {@code limits.keyBytesMax} is {@code CHORUS_LIMITS_KEY_BYTES_MAX}). The environment sits between
 * the config file and {@code --set}: it overrides the file, {@code --set} overrides it.
 *
 * <p>A {@code CHORUS_} variable that names no key is refused, as an unknown key in a file is: a typo
 * must not silently fall back to a default. The variables the launch scripts read themselves are
 * the exception ({@link #NOT_CONFIG}).
 */
public final class ConfigEnvironment {
    static final String PREFIX = "CHORUS_";
    /** CHORUS_ variables that are not config keys: read by ./chorus and docker/entrypoint.sh. */
    static final Set<String> NOT_CONFIG = Set.of("CHORUS_JAVA_OPTS", "CHORUS_HEAP_PERCENT");

    private ConfigEnvironment() {
    }

    /** The variable that sets {@code key}, e.g. {@code CHORUS_NODE_DATA_DIR} for {@code node.dataDir}. */
    public static String variable(ConfigKey key) {
        String text = key.key().replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
        return PREFIX + text.toUpperCase(Locale.ROOT);
    }

    /**
     * The config keys {@code environment} sets, each with the variable that sets it, in key order.
     * Fails with a {@link ConfigException} naming a {@code CHORUS_} variable that is no key.
     */
    static Map<String, String> settings(Map<String, String> environment) {
        Map<String, String> byVariable = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) byVariable.put(variable(key), key.key());
        Map<String, String> settings = new TreeMap<>();
        for (String variable : new TreeMap<>(environment).keySet()) {
            if (!variable.startsWith(PREFIX) || NOT_CONFIG.contains(variable)) continue;
            String key = byVariable.get(variable);
            if (key == null) {
                throw new ConfigException("unknown environment variable " + variable + ": CHORUS_ variables set config keys; known: "
                        + String.join(", ", byVariable.keySet()) + " (and " + String.join(", ", new TreeSet<>(NOT_CONFIG)) + " for the launcher)");
            }
            settings.put(key, variable);
        }
        return settings;
    }

    /** Where a config came from, for the node's first log line: the file, then the variables, then the --set keys. */
    public static String describeSources(Path file, Map<String, String> environment, Map<String, String> overrides) {
        StringBuilder text = new StringBuilder(file == null ? "defaults" : "file " + file);
        Map<String, String> variables = settings(environment);
        if (!variables.isEmpty()) text.append(", environment ").append(String.join(" ", new TreeSet<>(variables.values())));
        if (!overrides.isEmpty()) text.append(", --set ").append(String.join(" ", new TreeSet<>(overrides.keySet())));
        return text.toString();
    }
}
