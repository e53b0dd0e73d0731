package io.chorus.node.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code chorus} command (run by the {@code ./chorus} launcher). Dispatches to one
 * command and turns its outcome into an exit code: 0 success, 1 error, 2 usage error. Every error
 * ends with its message on stderr; no stack trace unless the failure is a bug (no message of its own).
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_ERROR = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        // exit explicitly: a client or node library may leave non-daemon threads behind
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(args, out, err);
        } catch (UsageException e) {
            err.println("chorus: " + e.getMessage());
            err.println();
            err.print(Usage.text());
            return EXIT_USAGE;
        } catch (CliException e) {
            err.println("chorus: " + e.getMessage());
            return EXIT_ERROR;
        } catch (RuntimeException e) {
            err.println("chorus: " + describe(e));
            if (e.getMessage() == null) {
                e.printStackTrace(err); // no message means a bug: the trace is all there is to go on
            }
            return EXIT_ERROR;
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "help", "-h", "--help" -> {
                out.print(Usage.text());
                return EXIT_OK;
            }
            case "node" -> {
                return NodeCommand.run(rest, out, err);
            }
            case "cluster" -> {
                return ClusterCommand.run(rest, out, err);
            }
            case "user" -> {
                return UserCommand.run(rest, out);
            }
            case "put", "get", "delete", "counter", "set", "flag", "register", "map" -> {
                return DataCommandsBridge.run(args, out, err);
            }
            case "shell" -> {
                return ShellCommand.run(rest, System.in, out, err);
            }
            default -> throw new UsageException("unknown command '" + args[0] + "'");
        }
    }

    /** A failure's own message, or its type when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
