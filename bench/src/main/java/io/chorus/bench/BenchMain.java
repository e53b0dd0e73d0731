package io.chorus.bench;

import io.chorus.bench.cli.Commands;

import java.nio.file.Path;

/**
 * {@code chorus bench}: the load driver. The launcher runs this class with the bench module's jar
 * and {@code bench/target/lib}. See {@link io.chorus.bench.cli.RunCommand#USAGE}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.awt.headless", "true"); // the plot is drawn off-screen, also without a display
        int code = Commands.run(args, System.out, System.err, Path.of(""));
        System.out.flush();
        System.exit(code);
    }
}
