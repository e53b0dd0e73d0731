package io.chorus.node.cli;

import io.chorus.client.cli.DataCommands;
import java.io.PrintStream;

/**
 * Hands {@code put|get|delete} to the client's {@link DataCommands}, which parses, prints and picks
 * its own exit codes (0 done, 1 not found, 2 usage, 3 the request failed).
 */
final class DataCommandsBridge {
    private DataCommandsBridge() {
    }

    /** @param args the whole command line, starting with put, get or delete */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return DataCommands.run(args, out, err);
    }
}
