package io.chorus.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name value} (or {@code --name=value}) options of one command. Every option takes a
 * value. Unknown options, a missing value, a repeated single option and stray arguments are usage
 * errors, so a typo never silently falls back to a default.
 */
final class Options {
    private final Map<String, List<String>> values;
    private final Set<String> flagsGiven = new java.util.TreeSet<>();

    private Options(Map<String, List<String>> values) {
        this.values = values;
    }

    /** As {@link #parse(List, Set, Set)}, with {@code flags}: options that take no value ({@code --tls}). */
    static Options parse(List<String> args, Set<String> single, Set<String> repeatable, Set<String> flags) {
        List<String> rest = new ArrayList<>();
        Set<String> given = new java.util.TreeSet<>();
        for (String arg : args) {
            if (flags.contains(arg)) given.add(arg);
            else rest.add(arg);
        }
        Options options = parse(rest, single, repeatable);
        options.flagsGiven.addAll(given);
        return options;
    }

    /** Whether the flag was given. */
    boolean flag(String name) {
        return flagsGiven.contains(name);
    }

    /**
     * @param single options that may appear at most once
     * @param repeatable options that may appear any number of times
     */
    static Options parse(List<String> args, Set<String> single, Set<String> repeatable) {
        assert single.stream().noneMatch(repeatable::contains) : "an option is either single or repeatable";
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!single.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown option '" + name + "'");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("option " + name + " needs a value");
            }
            List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (single.contains(name) && !list.isEmpty()) {
                throw new UsageException("option " + name + " given twice");
            }
            list.add(value);
        }
        return new Options(values);
    }

    Optional<String> value(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The option as an integer in [min, max], if given. */
    Optional<Integer> intValue(String name, int min, int max) {
        return value(name).map(text -> {
            int parsed;
            try {
                parsed = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("option " + name + " needs a whole number, got '" + text + "'");
            }
            if (parsed < min || parsed > max) {
                throw new UsageException("option " + name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        });
    }
}
