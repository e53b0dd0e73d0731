package io.chorus.bench.cli;

import java.io.PrintStream;

/**
 * {@code chorus bench micro [JMH options]}: the JMH micro-benchmarks of this module (codec, version
 * vectors, siblings, in-memory storage), through JMH's own command line. With no options, all of
 * them with the short settings written on each class; {@code -h} lists JMH's options, a regex
 * selects benchmarks (e.g. {@code micro Codec}).
 */
final class MicroCommand {
    private MicroCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            org.openjdk.jmh.Main.main(args);
            return Commands.EXIT_OK;
        } catch (Exception e) {
            err.println("micro-benchmarks failed: " + e.getMessage());
            return Commands.EXIT_CHECK_FAILED;
        }
    }
}
