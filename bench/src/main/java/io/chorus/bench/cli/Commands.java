package io.chorus.bench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Dispatches {@code chorus bench [staleness|micro|client-cpu|instant-nodes|handoff] ...} and holds the exit codes. */
public final class Commands {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNREACHABLE = 3;

    /** How long Ctrl-C waits for the summary of the interrupted run to be printed. */
    static final long SUMMARY_WAIT_SECONDS = 60;

    private Commands() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) throws InterruptedException {
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            out.println(RunCommand.USAGE);
            return EXIT_OK;
        }
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("staleness")) return StalenessCommand.run(rest, out, err, workingDirectory);
        if (args.length > 0 && args[0].equals("micro")) return MicroCommand.run(rest, out, err);
        if (args.length > 0 && args[0].equals("handoff")) return HandoffCommand.run(rest, out, err, workingDirectory);
        if (args.length > 0 && args[0].equals("run")) return RunCommand.run(rest, out, err, workingDirectory);
        if (args.length > 0 && args[0].equals("client-cpu")) return ClientCpuCommand.run(rest, out, err, workingDirectory);
        if (args.length > 0 && args[0].equals("instant-nodes")) return InstantNodesCommand.run(rest, out, err);
        return RunCommand.run(args, out, err, workingDirectory);
    }

    /**
     * Runs {@code body}, which measures and then prints; a Ctrl-C (or TERM) meanwhile calls
     * {@code onSignal} (which ends the measuring early) and holds the JVM's exit until {@code body}
     * has finished printing, at most {@link #SUMMARY_WAIT_SECONDS}.
     */
    static <T> T whileInterruptible(Runnable onSignal, Callable<T> body) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            onSignal.run();
            try {
                finished.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chorus-bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the body finished
            }
        }
    }
}
