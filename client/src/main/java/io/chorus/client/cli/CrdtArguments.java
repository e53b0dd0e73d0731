package io.chorus.client.cli;

import io.chorus.client.Addresses;
import io.chorus.replication.state.Consistency;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed arguments of one CRDT command: {@code TYPE KEY ACTION [OPERAND...]} plus options
 * anywhere ({@code --consistency L}, {@code --cluster H:P,...}, {@code --lww} for registers,
 * {@code --durable} for updates, {@code --session-in FILE} and {@code --session-out FILE} as for
 * the data commands).
 * {@code cluster} is null when not given (the default applies). Every check that needs no cluster
 * happens here, so a usage error never connects; failures are {@link IllegalArgumentException}s
 * whose message is shown as is.
 */
record CrdtArguments(String type, String key, String action, List<String> operands, Consistency consistency, boolean lww,
                     boolean durable, List<InetSocketAddress> cluster, Path sessionIn, Path sessionOut) {

    /** How many operands an action takes. */
    private record Arity(int min, int max, String shape) {
        static final int ANY = Integer.MAX_VALUE;
    }

    /** Every type's actions; the usage text in {@link CrdtCommands#USAGE} shows the same. */
    private static final Map<String, Map<String, Arity>> ACTIONS = Map.of(
            "counter", Map.of("incr", new Arity(0, 1, "[N]"), "decr", new Arity(0, 1, "[N]"), "value", new Arity(0, 0, "")),
            "set", Map.of("add", new Arity(1, Arity.ANY, "X [Y...]"), "remove", new Arity(1, Arity.ANY, "X [Y...]"),
                    "members", new Arity(0, 0, ""), "contains", new Arity(1, 1, "X"), "clear", new Arity(0, 0, "")),
            "flag", Map.of("enable", new Arity(0, 0, ""), "disable", new Arity(0, 0, ""), "value", new Arity(0, 0, "")),
            "register", Map.of("set", new Arity(1, 1, "VALUE"), "get", new Arity(0, 0, "")),
            "map", Map.of("get", new Arity(0, 0, ""), "incr", new Arity(1, 2, "FIELD [N]"), "add", new Arity(2, Arity.ANY, "FIELD X [Y...]")));

    /** The actions that read; every other one is an update. */
    private static final Set<String> READS = Set.of("value", "members", "contains", "get");

    /** The commands, one per type. */
    static final Set<String> TYPES = ACTIONS.keySet();

    static CrdtArguments parse(String[] args) {
        List<String> positional = new ArrayList<>();
        Consistency consistency = Consistency.QUORUM;
        boolean lww = false;
        boolean durable = false;
        List<InetSocketAddress> cluster = null;
        Path sessionIn = null, sessionOut = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--lww")) {
                lww = true;
                continue;
            }
            if (arg.equals("--durable")) {
                durable = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!Set.of("--consistency", "--cluster", "--session-in", "--session-out").contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            String value;
            if (equals > 0) value = arg.substring(equals + 1);
            else if (i + 1 < args.length) value = args[++i];
            else throw new IllegalArgumentException("option " + arg + " needs a value");
            switch (name) {
                case "--consistency" -> consistency = Consistency.parse(value);
                case "--cluster" -> cluster = Addresses.parseList(value);
                case "--session-in" -> sessionIn = Path.of(value);
                default -> sessionOut = Path.of(value);
            }
        }
        return of(positional, consistency, lww, durable, cluster, sessionIn, sessionOut);
    }

    private static CrdtArguments of(List<String> positional, Consistency consistency, boolean lww, boolean durable,
                                    List<InetSocketAddress> cluster, Path sessionIn, Path sessionOut) {
        String type = positional.get(0);
        Map<String, Arity> actions = ACTIONS.get(type);
        assert actions != null : "parse called for " + type;
        if (positional.size() < 3) {
            throw new IllegalArgumentException(type + " takes KEY ACTION, where ACTION is one of " + String.join(", ", sorted(actions)));
        }
        String action = positional.get(2);
        Arity arity = actions.get(action);
        if (arity == null) {
            throw new IllegalArgumentException("unknown " + type + " action \"" + action + "\" (expected " + String.join(", ", sorted(actions)) + ")");
        }
        List<String> operands = List.copyOf(positional.subList(3, positional.size()));
        if (operands.size() < arity.min() || operands.size() > arity.max()) {
            throw new IllegalArgumentException(type + " KEY " + action + (arity.shape().isEmpty() ? " takes no more arguments" : " takes " + arity.shape())
                    + ", got " + operands.size() + " argument(s)");
        }
        if (lww && !type.equals("register")) throw new IllegalArgumentException("--lww is for register only");
        if (durable && READS.contains(action)) throw new IllegalArgumentException("--durable is for updates, not " + type + " " + action);
        CrdtArguments arguments = new CrdtArguments(type, positional.get(1), action, operands, consistency, lww, durable, cluster, sessionIn, sessionOut);
        arguments.amount(); // checks N now, before connecting
        return arguments;
    }

    /** The N of {@code counter incr|decr [N]} or {@code map incr FIELD [N]}: 1 when absent, never negative. */
    long amount() {
        boolean counts = (type.equals("counter") && !action.equals("value")) || (type.equals("map") && action.equals("incr"));
        int index = type.equals("map") ? 1 : 0;
        if (!counts || operands.size() <= index) return 1;
        String text = operands.get(index);
        try {
            long amount = Long.parseLong(text);
            if (amount < 0) throw new IllegalArgumentException("N must be >= 0, was " + text + (type.equals("counter") ? " (use decr to subtract)" : ""));
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("N must be a whole number, was \"" + text + "\"");
        }
    }

    private static List<String> sorted(Map<String, Arity> actions) {
        return actions.keySet().stream().sorted().toList();
    }
}
