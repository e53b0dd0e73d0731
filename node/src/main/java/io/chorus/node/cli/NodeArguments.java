package io.chorus.node.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code node --config FILE [--set key=value]...}: the config file and the keys that
 * override it. A later {@code --set} of the same key wins, so scripts can append overrides.
 */
record NodeArguments(Path configFile, Map<String, String> overrides) {
    static NodeArguments parse(List<String> args) {
        Options options = Options.parse(args, Set.of("--config"), Set.of("--set"));
        String config = options.value("--config").orElseThrow(() -> new UsageException("node needs --config FILE"));
        if (config.isBlank()) {
            throw new UsageException("--config needs a file name");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String setting : options.values("--set")) {
            int equals = setting.indexOf('=');
            String key = equals < 0 ? "" : setting.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new UsageException("--set needs key=value, got '" + setting + "'");
            }
            overrides.put(key, setting.substring(equals + 1).trim());
        }
        return new NodeArguments(Path.of(config), Map.copyOf(overrides));
    }
}
