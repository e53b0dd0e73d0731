package io.chorus.node.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code cluster start|status|stop}: a local cluster of background node processes under one directory. */
final class ClusterCommand {
    /** An hour: past that, waiting is not what the user wants. */
    private static final int WAIT_SECONDS_MAX = 3600;

    private ClusterCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            throw new UsageException("cluster needs start, status or stop");
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "start" -> {
                Options options = Options.parse(rest, Set.of("--nodes", "--dir", "--base-port", "--wait"), Set.of(), Set.of("--tls", "--auth"));
                Duration wait = options.intValue("--wait", 1, WAIT_SECONDS_MAX)
                        .map(seconds -> Duration.ofSeconds(seconds))
                        .orElse(ClusterStart.READY_TIMEOUT);
                return ClusterStart.run(dir(options),
                        options.intValue("--nodes", 1, ClusterShape.NODES_MAX),
                        options.intValue("--base-port", 1, 65535),
                        NodeLaunch.ofCurrentJvm(), wait, out, new ClusterSecurity.Options(options.flag("--tls"), options.flag("--auth")));
            }
            case "status" -> {
                return ClusterStatus.run(dir(Options.parse(rest, Set.of("--dir"), Set.of())), out);
            }
            case "stop" -> {
                return ClusterStop.run(dir(Options.parse(rest, Set.of("--dir"), Set.of())), out);
            }
            default -> throw new UsageException("unknown cluster command '" + args.get(0) + "': use start, status or stop");
        }
    }

    private static ClusterDir dir(Options options) {
        return ClusterDir.of(options.value("--dir").orElse(null));
    }

    /** The shape of the cluster in {@code dir}; there must be one. */
    static ClusterShape existingShape(ClusterDir dir) {
        return ClusterShape.read(dir).orElseThrow(() -> new CliException("no cluster in " + dir.root()
                + " (no cluster.addresses): start one with `" + Usage.program() + " cluster start" + ClusterStart.dirOption(dir) + "`"));
    }
}
