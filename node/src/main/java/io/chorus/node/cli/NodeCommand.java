package io.chorus.node.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code node --config FILE [--set key=value]...}: runs one node in the foreground. A shutdown hook
 * closes it, so SIGTERM and Ctrl-C shut it down cleanly (storage closed with its clean marker).
 */
final class NodeCommand {
    private NodeCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        NodeArguments arguments = NodeArguments.parse(args);
        Path config = arguments.configFile().toAbsolutePath().normalize();
        if (!Files.isRegularFile(config) || !Files.isReadable(config)) {
            throw new CliException("config file " + config + " does not exist or cannot be read");
        }
        RunningNode node;
        try {
            node = NodeBridge.start(config, arguments.overrides());
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliException("cannot start a node from " + config + ": " + Main.describe(e), e);
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node, err, closed), "chorus-node-shutdown"));
        out.println("node listening on " + node.address() + " (config " + config + "); stop with Ctrl-C or SIGTERM");
        out.flush();
        awaitUninterruptibly(closed);
        return Main.EXIT_OK;
    }

    private static void close(RunningNode node, PrintStream err, CountDownLatch closed) {
        try {
            node.close();
            err.println("node " + node.address() + " shut down cleanly");
        } catch (RuntimeException e) {
            err.println("node " + node.address() + " failed to shut down cleanly: " + Main.describe(e));
            e.printStackTrace(err);
        } finally {
            err.flush();
            closed.countDown();
        }
    }

    /** Only the shutdown hook ends a foreground node; an interrupt is kept for whoever looks next. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
