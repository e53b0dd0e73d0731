package io.chorus.client.cli;

import io.chorus.client.Context;
import io.chorus.replication.state.Consistency;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed arguments of one data command. {@code cluster} is null when not given (the default
 * applies). Parsing failures are {@link IllegalArgumentException}s whose message is shown as is.
 */
record DataArguments(String command, String key, String value, Consistency consistency, Context context,
                     boolean durable, List<InetSocketAddress> cluster, boolean explain, Path sessionIn, Path sessionOut) {

    static DataArguments parse(String[] args) {
        List<String> positional = new ArrayList<>();
        Consistency consistency = Consistency.QUORUM;
        Context context = null;
        boolean durable = false;
        List<InetSocketAddress> cluster = null;
        Path sessionIn = null, sessionOut = null;
        boolean explain = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--durable")) {
                durable = true;
                continue;
            }
            if (arg.equals("--explain")) {
                explain = true;
                continue;
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            switch (name) {
                case "--consistency" -> consistency = Consistency.parse(value);
                case "--context" -> context = Context.parse(value);
                case "--cluster" -> cluster = io.chorus.client.Addresses.parseList(value);
                case "--session-in" -> sessionIn = Path.of(value);
                case "--session-out" -> sessionOut = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        DataArguments parsed = of(positional, consistency, context, durable, cluster, explain);
        return new DataArguments(parsed.command, parsed.key, parsed.value, parsed.consistency, parsed.context, parsed.durable,
                parsed.cluster, parsed.explain, sessionIn, sessionOut);
    }

    private static DataArguments of(List<String> positional, Consistency consistency, Context context, boolean durable,
                                    List<InetSocketAddress> cluster, boolean explain) {
        if (positional.isEmpty()) throw new IllegalArgumentException("no command given");
        String command = positional.get(0);
        int wanted = switch (command) {
            case "put" -> 3;
            case "get", "delete" -> 2;
            default -> throw new IllegalArgumentException("unknown command \"" + command + "\" (expected put, get, delete, counter, set, flag, register or map)");
        };
        if (positional.size() != wanted) {
            throw new IllegalArgumentException(command + " takes " + (wanted == 3 ? "KEY VALUE" : "KEY") + ", got " + (positional.size() - 1) + " argument(s)");
        }
        if (command.equals("get") && context != null) throw new IllegalArgumentException("get takes no --context");
        if (command.equals("get") && durable) throw new IllegalArgumentException("get takes no --durable (it is for writes)");
        return new DataArguments(command, positional.get(1), wanted == 3 ? positional.get(2) : null, consistency, context, durable, cluster, explain, null, null);
    }
}
