package io.chorus.node.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code cluster start [--nodes N] [--dir DIR] [--base-port P] [--wait S]}: starts the nodes of the cluster that
 * are not running and leaves the live ones alone, so running it again brings back a node that died.
 * Returns once every node answers a client request, or fails saying which did not and why.
 */
final class ClusterStart {
    /** How long nodes may take to answer unless {@code --wait} says otherwise; ~5 s each is usual on 2 cores. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int LOG_TAIL_LINES = 20;

    private ClusterStart() {
    }

    /**
     * @param launch how to run a node process
     * @param readyTimeout how long the nodes may take to answer, all together
     */
    static int run(ClusterDir dir, Optional<Integer> nodes, Optional<Integer> basePort, NodeLaunch launch, Duration readyTimeout,
                   PrintStream out) {
        return run(dir, nodes, basePort, launch, readyTimeout, out, ClusterSecurity.Options.PLAIN);
    }

    /** @param security TLS and client authentication, for a cluster started the first time (later starts keep its files) */
    static int run(ClusterDir dir, Optional<Integer> nodes, Optional<Integer> basePort, NodeLaunch launch, Duration readyTimeout,
                   PrintStream out, ClusterSecurity.Options security) {
        try (ClusterLock lock = ClusterLock.acquire(dir)) {
            ClusterShape shape = shape(ClusterShape.read(dir), nodes, basePort, dir);
            ClusterFiles.ensure(dir, shape, security);
            List<NodeStatus> before = NodeStatus.ofAll(dir, shape);
            List<NodeSpec> down = before.stream()
                    .filter(status -> status.state() != NodeState.RUNNING)
                    .map(NodeStatus::node)
                    .toList();
            refuseTakenPorts(down);
            Map<NodeSpec, Process> started = new LinkedHashMap<>();
            for (NodeSpec node : down) {
                started.put(node, NodeProcesses.launch(launch, dir, node));
            }
            awaitReady(dir, shape, started, readyTimeout);
            report(dir, before, started, out);
            return Main.EXIT_OK;
        }
    }

    /** The recorded shape if there is one (flags that contradict it are refused), else the flags'. */
    static ClusterShape shape(Optional<ClusterShape> recorded, Optional<Integer> nodes, Optional<Integer> basePort, ClusterDir dir) {
        if (recorded.isEmpty()) {
            return ClusterShape.local(nodes.orElse(ClusterShape.NODES_DEFAULT), basePort.orElse(ClusterShape.BASE_PORT_DEFAULT));
        }
        ClusterShape shape = recorded.get();
        if (nodes.isPresent() && nodes.get() != shape.nodes().size()) {
            throw new CliException("the cluster in " + dir.root() + " has " + shape.nodes().size()
                    + " nodes, fixed by its first start; --nodes " + nodes.get() + " would change that."
                    + " Use another --dir, or stop it and delete " + dir.root() + " to start afresh");
        }
        if (basePort.isPresent() && basePort.get() != shape.basePort()) {
            throw new CliException("the cluster in " + dir.root() + " listens from port " + shape.basePort()
                    + ", fixed by its first start; --base-port " + basePort.get() + " would change that."
                    + " Use another --dir, or stop it and delete " + dir.root() + " to start afresh");
        }
        return shape;
    }

    /** A down node's port held by anyone is a stranger's: starting would only fail later, less clearly. */
    private static void refuseTakenPorts(List<NodeSpec> toStart) {
        List<String> taken = toStart.stream()
                .filter(node -> !NodeProbe.portFree(node))
                .map(node -> node.address() + " (for " + node.name() + ")")
                .toList();
        if (!taken.isEmpty()) {
            throw new CliException("cannot start: " + String.join(", ", taken) + (taken.size() == 1 ? " is" : " are")
                    + " in use by a process that is not this cluster's node. Stop that process, or use another --dir and --base-port");
        }
    }

    private static void awaitReady(ClusterDir dir, ClusterShape shape, Map<NodeSpec, Process> started, Duration readyTimeout) {
        NodeProbe probe = new NodeProbe(java.nio.file.Files.exists(dir.caFile()) ? dir.caFile() : null);
        List<NodeSpec> waiting = new ArrayList<>(shape.nodes());
        Deadline deadline = Deadline.after(readyTimeout);
        while (true) {
            for (NodeSpec node : List.copyOf(waiting)) {
                Process process = started.get(node);
                if (process != null && !process.isAlive()) {
                    throw new CliException(node.name() + " exited with status " + process.exitValue() + " while starting"
                            + " (nodes that did start are left running; `" + Usage.program() + " cluster stop" + dirOption(dir)
                            + "` stops them). The end of " + dir.logFile(node.name()) + ":\n"
                            + NodeProcesses.logTail(dir, node.name(), LOG_TAIL_LINES));
                }
                if (probe.answers(node, PROBE_TIMEOUT)) {
                    waiting.remove(node);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (deadline.passed()) {
                String names = waiting.stream().map(NodeSpec::name).collect(Collectors.joining(", "));
                throw new CliException(names + " did not answer at " + waiting.get(0).address() + (waiting.size() > 1 ? " etc." : "")
                        + " within " + readyTimeout.toSeconds() + " s; they are left running (--wait gives them longer). See their node.log in "
                        + dir.root() + ", and `" + Usage.program() + " cluster status" + dirOption(dir) + "`");
            }
            deadline.pause();
        }
    }

    private static void report(ClusterDir dir, List<NodeStatus> before, Map<NodeSpec, Process> started, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NODE", "ADDRESS", "PID", "STATE"});
        for (NodeStatus status : before) {
            Process process = started.get(status.node());
            String pid = process != null ? Long.toString(process.pid()) : status.pidText();
            rows.add(new String[] {status.node().name(), status.node().address(), pid, process != null ? "started" : "already running"});
        }
        out.print(Table.render(rows));
        out.println("All " + before.size() + " nodes answer (files in " + dir.root() + ").");
        out.println("Stop with: " + Usage.program() + " cluster stop" + dirOption(dir));
    }

    /** {@code --dir DIR} for a hint the user can paste, or nothing for the default directory. */
    static String dirOption(ClusterDir dir) {
        return dir.equals(ClusterDir.of(null)) ? "" : " --dir " + dir.root();
    }
}
