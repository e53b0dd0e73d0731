package io.chorus.bench.cli;

import io.chorus.bench.clientcpu.InstantNodes;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code chorus bench instant-nodes}: stand-in nodes that answer at once, to measure a client alone. */
final class InstantNodesCommand {
    static final Set<String> VALUED = Set.of("nodes", "base-port", "keys-max", "delay");

    static final String USAGE = String.join("\n",
            "usage: chorus bench instant-nodes [options]",
            "Serves stand-in nodes on 127.0.0.1 that answer get, put and delete at once from memory (one copy,",
            "no versions, no replication; the real greeting, framing and codec), until Ctrl-C. Point",
            "`chorus bench client-cpu --cluster` or the YCSB binding at them to measure the client's own cost",
            "the way a Redis client is measured: against a server that answers in microseconds.",
            "  --nodes N                       [3]",
            "  --base-port PORT                [0] ports PORT, PORT+1, ...; 0: ports the kernel picks",
            "  --keys-max N                    [1000000] more distinct keys are refused (Overloaded)",
            "  --delay D                       [0s] answer each request this much later (e.g. 3ms)");

    private InstantNodesCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            out.println(USAGE);
            return Commands.EXIT_OK;
        }
        InstantNodes nodes;
        try {
            Options o = Options.parse(args, VALUED, Set.of());
            Duration delay = o.duration("delay", Duration.ZERO);
            nodes = new InstantNodes(o.intValue("nodes", 3), o.intValue("base-port", 0), o.longValue("keys-max", 1_000_000),
                    delay.toNanos() / 1_000);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.EXIT_USAGE;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return Commands.EXIT_UNREACHABLE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(nodes::close, "instant-nodes-shutdown"));
        out.println(nodes.seeds());
        out.flush();
        Thread.currentThread().join(); // serves until the JVM is stopped (Ctrl-C, TERM)
        return Commands.EXIT_OK;
    }
}
