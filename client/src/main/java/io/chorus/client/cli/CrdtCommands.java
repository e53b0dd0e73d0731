package io.chorus.client.cli;

import io.chorus.client.ChorusClient;
import io.chorus.client.ClientBuilder;
import io.chorus.client.ChorusException;
import io.chorus.client.CounterRef;
import io.chorus.client.CrdtHandles;
import io.chorus.client.FlagRef;
import io.chorus.client.LwwRegisterView;
import io.chorus.client.MapRef;
import io.chorus.client.RegisterView;
import io.chorus.client.SetRef;
import io.chorus.client.WriteAck;
import io.chorus.client.WriteOptions;
import io.chorus.replication.state.Consistency;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The CRDT commands {@code counter}, {@code set}, {@code flag}, {@code register} and {@code map}:
 * parse, connect, run one operation, print the outcome, return the exit code (those of
 * {@link DataCommands}: 0 done, 1 nothing there, 2 usage, 3 the request failed). Reached through
 * {@link DataCommands#run}; never throws for bad input or a failed request.
 */
final class CrdtCommands {
    static final Set<String> COMMANDS = CrdtArguments.TYPES;

    static final String USAGE = String.join("\n",
            "  counter KEY incr [N] | decr [N] | value",
            "  set KEY add X [Y...] | remove X [Y...] | members | contains X | clear",
            "  flag KEY enable | disable | value",
            "  register KEY set VALUE | get          [--lww: last-writer-wins instead of multi-value]",
            "  map KEY get | incr FIELD [N] | add FIELD X [Y...]",
            "  each also takes [--consistency LEVEL] [--cluster HOST:PORT,...] [--session-in FILE] [--session-out FILE],",
            "  and each update [--durable]",
            "A CRDT key holds the type of its first write; another type's command fails with InvalidRequest.",
            "Updates print \"ok\" (\"ok (durable)\" as for put) and are retried under one operation id, so they",
            "count once. counter value prints the number; set members one element per line; set contains",
            "\"true\" (exit 0) or \"false\" (exit 1); flag value \"enabled\" or \"disabled\"; register get the value",
            "(\"value N: \" before each when concurrent writes left several) or \"not set\" (exit 1); map get one",
            "field per line, nested maps indented. N defaults to 1.");

    private CrdtCommands() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) {
        CrdtArguments arguments;
        ClientBuilder builder;
        try {
            ConnectionOptions connection = ConnectionOptions.extract(args);
            arguments = CrdtArguments.parse(connection.rest());
            builder = DataCommands.clientBuilder(connection, arguments.cluster(), workingDirectory);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(e.getMessage());
            err.println(DataCommands.USAGE);
            return DataCommands.EXIT_USAGE;
        }
        try (ChorusClient client = builder.build()) {
            SessionCalls calls = SessionCalls.of(client, arguments.sessionIn(), arguments.sessionOut());
            int exit = execute(calls.crdt(), arguments, out);
            calls.saveToken();
            return exit;
        } catch (ChorusException e) {
            err.println(e.getMessage());
            return DataCommands.EXIT_FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) { // a --session-in file that holds no token, or cannot be read
            err.println(e.getMessage());
            return DataCommands.EXIT_USAGE;
        }
    }

    /**
     * Runs one parsed command on handles from {@code client}: a plain client, or a session (the
     * shell's, which keeps one for all its commands, or a one-shot command's --session-in/-out).
     */
    static int execute(CrdtHandles client, CrdtArguments arguments, PrintStream out) {
        WriteOptions options = arguments.durable() ? WriteOptions.DURABLE : WriteOptions.DEFAULT;
        return switch (arguments.type()) {
            case "counter" -> counter(client.counter(arguments.key()).with(options), arguments, out);
            case "set" -> set(client.set(arguments.key()).with(options), arguments, out);
            case "flag" -> flag(client.flag(arguments.key()).with(options), arguments, out);
            case "register" -> arguments.lww() ? lwwRegister(client, arguments, options, out) : register(client, arguments, options, out);
            case "map" -> map(client.map(arguments.key()).with(options), arguments, out);
            default -> throw new AssertionError("parse accepted type " + arguments.type());
        };
    }

    private static int counter(CounterRef counter, CrdtArguments arguments, PrintStream out) {
        Consistency level = arguments.consistency();
        WriteAck ack = switch (arguments.action()) {
            case "incr" -> counter.increment(arguments.amount(), level);
            case "decr" -> counter.decrement(arguments.amount(), level);
            default -> {
                out.println(counter.value(level));
                yield null;
            }
        };
        return ok(ack, arguments, out);
    }

    private static int set(SetRef set, CrdtArguments arguments, PrintStream out) {
        Consistency level = arguments.consistency();
        if (arguments.action().equals("contains")) {
            boolean contains = set.contains(arguments.operands().get(0), level);
            out.println(contains);
            return contains ? DataCommands.EXIT_OK : DataCommands.EXIT_NOT_FOUND;
        }
        WriteAck ack = switch (arguments.action()) {
            case "add" -> set.addAll(arguments.operands(), level);
            case "remove" -> set.removeAll(arguments.operands(), level);
            case "clear" -> set.clear(level);
            default -> {
                set.elements(level).forEach(out::println);
                yield null;
            }
        };
        return ok(ack, arguments, out);
    }

    private static int flag(FlagRef flag, CrdtArguments arguments, PrintStream out) {
        Consistency level = arguments.consistency();
        WriteAck ack = switch (arguments.action()) {
            case "enable" -> flag.enable(level);
            case "disable" -> flag.disable(level);
            default -> {
                out.println(flag.enabled(level) ? "enabled" : "disabled");
                yield null;
            }
        };
        return ok(ack, arguments, out);
    }

    private static int register(CrdtHandles client, CrdtArguments arguments, WriteOptions options, PrintStream out) {
        if (arguments.action().equals("set")) {
            return ok(client.register(arguments.key()).with(options).set(arguments.operands().get(0), arguments.consistency()), arguments, out);
        }
        RegisterView register = client.register(arguments.key()).read(arguments.consistency());
        List<String> values = register.values();
        if (values.isEmpty()) return notSet(out);
        for (int i = 0; i < values.size(); i++) out.println(values.size() == 1 ? values.get(i) : "value " + (i + 1) + ": " + values.get(i));
        return DataCommands.EXIT_OK;
    }

    private static int lwwRegister(CrdtHandles client, CrdtArguments arguments, WriteOptions options, PrintStream out) {
        if (arguments.action().equals("set")) {
            return ok(client.lwwRegister(arguments.key()).with(options).set(arguments.operands().get(0), arguments.consistency()), arguments, out);
        }
        LwwRegisterView register = client.lwwRegister(arguments.key()).read(arguments.consistency());
        if (register.value().isEmpty()) return notSet(out);
        out.println(register.value().get());
        return DataCommands.EXIT_OK;
    }

    private static int map(MapRef map, CrdtArguments arguments, PrintStream out) {
        Consistency level = arguments.consistency();
        List<String> operands = arguments.operands();
        WriteAck ack = switch (arguments.action()) {
            case "incr" -> map.update(level, m -> m.counter(operands.get(0)).increment(arguments.amount()));
            case "add" -> map.update(level, m -> m.set(operands.get(0)).add(operands.subList(1, operands.size()).toArray(String[]::new)));
            default -> {
                MapPrinter.lines(map.get(level)).forEach(out::println);
                yield null;
            }
        };
        return ok(ack, arguments, out);
    }

    /** After an update ({@code ack} not null) prints its outcome as put does; a read printed its own. */
    private static int ok(WriteAck ack, CrdtArguments arguments, PrintStream out) {
        if (ack != null) out.println(DataCommands.okLine(ack, arguments.durable()));
        return DataCommands.EXIT_OK;
    }

    private static int notSet(PrintStream out) {
        out.println("not set");
        return DataCommands.EXIT_NOT_FOUND;
    }
}
