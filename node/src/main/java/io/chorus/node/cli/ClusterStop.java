package io.chorus.node.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cluster stop [--dir DIR]}: SIGTERM to every live node (a clean shutdown), then SIGKILL to any
 * still alive after {@link #GRACE}. Signals only processes {@link NodeProcesses#live} recognises as
 * this cluster's nodes; a {@link ProcessHandle} also refuses to signal a pid reused since.
 */
final class ClusterStop {
    static final Duration GRACE = Duration.ofSeconds(15);
    /** After SIGKILL a process is gone within milliseconds; longer means something is badly wrong. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ClusterStop() {
    }

    static int run(ClusterDir dir, PrintStream out) {
        return run(dir, out, GRACE);
    }

    /** @param grace how long a node may take to shut down cleanly before it is killed */
    static int run(ClusterDir dir, PrintStream out, Duration grace) {
        ClusterShape shape = ClusterCommand.existingShape(dir);
        try (ClusterLock lock = ClusterLock.acquire(dir)) {
            Map<NodeSpec, ProcessHandle> live = new LinkedHashMap<>();
            for (NodeStatus status : NodeStatus.ofAll(dir, shape)) {
                status.process().ifPresent(process -> live.put(status.node(), process));
            }
            if (live.isEmpty()) {
                out.println("No node of the cluster in " + dir.root() + " was running.");
                return Main.EXIT_OK;
            }
            live.values().forEach(ProcessHandle::destroy);
            Deadline.after(grace).await(() -> live.values().stream().noneMatch(ProcessHandle::isAlive));
            List<NodeSpec> killed = new ArrayList<>();
            live.forEach((node, process) -> {
                if (process.isAlive()) {
                    process.destroyForcibly();
                    killed.add(node);
                }
            });
            boolean allGone = Deadline.after(KILL_WAIT).await(() -> live.values().stream().noneMatch(ProcessHandle::isAlive));
            live.forEach((node, process) -> out.println((killed.contains(node)
                    ? "killed " + node.name() + " (pid " + process.pid() + "): still running " + grace.toSeconds() + " s after SIGTERM"
                    : "stopped " + node.name() + " (pid " + process.pid() + ")")));
            if (!allGone) {
                throw new CliException("some nodes are still alive after SIGKILL: "
                        + live.entrySet().stream().filter(e -> e.getValue().isAlive()).map(e -> e.getKey().name() + " pid " + e.getValue().pid()).toList());
            }
            return Main.EXIT_OK;
        }
    }
}
