package io.chorus.node.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Hands {@code put|get|delete} to the client's {@code io.chorus.client.cli.DataCommands}. The only
 * class that names it, so the rest of the CLI builds while the client helper's branch has not landed.
 * Interim: looked up by reflection; becomes a direct call once DataCommands is in main.
 */
final class DataCommandsBridge {
    private static final String DATA_COMMANDS = "io.chorus.client.cli.DataCommands";

    private DataCommandsBridge() {
    }

    /** @param args the whole command line, starting with put, get or delete */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Method run;
        try {
            run = Class.forName(DATA_COMMANDS).getMethod("run", String[].class, PrintStream.class, PrintStream.class);
        } catch (ReflectiveOperationException e) {
            throw new CliException("the data commands are not in this build (" + DATA_COMMANDS + " is missing)", e);
        }
        try {
            return (Integer) run.invoke(null, args, out, err);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new CliException("cannot call " + DATA_COMMANDS + ".run: " + e.getMessage(), e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CliException(Main.describe(cause), cause);
    }
}
