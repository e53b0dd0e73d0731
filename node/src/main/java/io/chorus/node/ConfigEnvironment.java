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
 * <p>A variable that starts like a key's group ({@code CHORUS_NODE_}, {@code CHORUS_LIMITS_}, ...)
 * but names no key is refused, as an unknown key in a file is: a typo must not silently fall back
 * to a default. Other {@code CHORUS_} variables are not the node's (the launch scripts' and the
 * compose files' own, such as {@code CHORUS_JAVA_OPTS} or {@code CHORUS_HOST}) and are ignored, so
 * that an operator's shell can hold them while it starts a node.
 */
public final class ConfigEnvironment {
    static final String PREFIX = "CHORUS_";

    private ConfigEnvironment() {
    }

    /** The variable that sets {@code key}, e.g. {@code CHORUS_NODE_DATA_DIR} for {@code node.dataDir}. */
    public static String variable(ConfigKey key) {
        return PREFIX + upperSnake(key.key());
    }

    /** The start of a key's group's variables, e.g. {@code CHORUS_LIMITS_} for {@code limits.keyBytesMax}. */
    static String groupPrefix(ConfigKey key) {
        return PREFIX + upperSnake(key.key().substring(0, key.key().indexOf('.'))) + "_";
    }

    private static String upperSnake(String text) {
        return text.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The config keys {@code environment} sets, each with the variable that sets it, in key order.
     * Fails with a {@link ConfigException} naming a {@code CHORUS_} variable that is no key.
     */
    static Map<String, String> settings(Map<String, String> environment) {
        Map<String, String> byVariable = new LinkedHashMap<>();
        Set<String> groups = new TreeSet<>();
        for (ConfigKey key : ConfigKey.values()) {
            byVariable.put(variable(key), key.key());
            groups.add(groupPrefix(key));
        }
        Map<String, String> settings = new TreeMap<>();
        for (String variable : new TreeMap<>(environment).keySet()) {
            String key = byVariable.get(variable);
            if (key != null) {
                settings.put(key, variable);
            } else if (groups.stream().anyMatch(variable::startsWith)) {
                throw new ConfigException("unknown environment variable " + variable + ": it starts like a config key's but names none;"
                        + " known: " + String.join(", ", byVariable.keySet()));
            }
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
