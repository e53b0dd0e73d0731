package io.chorus.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The layers a node's config text comes from, each over the one before: the properties file, the
 * environment ({@link ConfigEnvironment}), then the overrides ({@code --set}). Every value keeps
 * the name of its layer ("in FILE", "environment variable CHORUS_...", "override"), so that an
 * error about it says where to fix it; an unknown key fails as soon as its layer is read. What the
 * text means is {@link NodeConfigParser}'s job.
 */
final class ConfigSources {
    private ConfigSources() {
    }

    /** {@code file} (null for none), then {@code environment}'s {@code CHORUS_} variables, then {@code overrides}. */
    static ConfigValues read(Path file, Map<String, String> environment, Map<String, String> overrides) {
        ConfigValues values = new ConfigValues();
        if (file != null) readFile(file, values);
        ConfigEnvironment.settings(environment).forEach((key, variable) -> values.put(key, environment.get(variable),
                "environment variable " + variable));
        overrides.forEach((key, value) -> values.put(key, value, "override"));
        return values;
    }

    /** The text of a whole config ({@link NodeConfig#toText}) as the "base config" layer, then {@code overrides}. */
    static ConfigValues over(Map<String, String> base, Map<String, String> overrides) {
        ConfigValues values = new ConfigValues();
        base.forEach((key, value) -> values.put(key, value, "base config"));
        overrides.forEach((key, value) -> values.put(key, value, "override"));
        return values;
    }

    private static void readFile(Path file, ConfigValues values) {
        if (!Files.isRegularFile(file)) throw new ConfigException("config file " + file + " does not exist or is not a file");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        properties.stringPropertyNames().stream().sorted().forEach(key -> values.put(key, properties.getProperty(key), "in " + file));
    }
}
