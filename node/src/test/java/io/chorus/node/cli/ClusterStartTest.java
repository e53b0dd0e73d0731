package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster start} with {@link FakeNode} processes: the detached launch, pid files, logs, the
 * readiness round trip, restarting only what is down, and refusing a port held by a stranger.
 */
class ClusterStartTest {
    /** Generous: the machine may be busy; a stand-in answers in well under a second when it is not. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private ClusterDir dir;
    private NodeLaunch launch;
    private int basePort;

    @BeforeEach
    void fakeNodes() throws IOException {
        dir = new ClusterDir(temp.resolve("cluster"));
        NodeLaunch current = NodeLaunch.ofCurrentJvm();
        launch = new NodeLaunch(FakeNode.launchScript(temp).toString(), current.classPath(), List.of(), current.setsid());
        basePort = freeConsecutivePorts(2);
    }

    @AfterEach
    void leaveNoProcessBehind() {
        ProcessHandle.allProcesses().filter(this::mentionsTemp).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void startsEveryNodeDetachedAndRecordsItsPid() throws IOException {
        String report = start(Optional.of(2));
        List<NodeStatus> statuses = NodeStatus.ofAll(dir, ClusterShape.read(dir).orElseThrow());
        assertEquals(List.of(NodeState.RUNNING, NodeState.RUNNING), statuses.stream().map(NodeStatus::state).toList());
        for (NodeStatus status : statuses) {
            ProcessHandle process = status.process().orElseThrow();
            assertEquals(Long.parseLong(Files.readString(dir.pidFile(status.node().name())).strip()), process.pid());
            assertTrue(rows(report).contains(List.of(status.node().name(), status.node().address(), Long.toString(process.pid()), "started")), report);
            assertTrue(Files.readString(dir.logFile(status.node().name())).contains("fake node listening on " + status.node().address()));
        }
        assertTrue(report.contains("All 2 nodes answer"), report);
        assertTrue(report.contains("Stop with: chorus cluster stop --dir " + dir.root()), report);
    }

    @Test
    void aSecondStartBringsBackOnlyTheNodeThatDied() {
        start(Optional.of(2));
        ProcessHandle n1 = NodeProcesses.live(dir, "n1").orElseThrow();
        ProcessHandle n2 = NodeProcesses.live(dir, "n2").orElseThrow();
        n2.destroyForcibly();
        assertTrue(Deadline.after(Duration.ofSeconds(10)).await(() -> !n2.isAlive()));
        assertEquals(NodeState.DOWN, NodeStatus.of(dir, shape().nodes().get(1)).state());

        String report = start(Optional.empty());
        assertTrue(rows(report).contains(List.of("n1", shape().nodes().get(0).address(), Long.toString(n1.pid()), "already running")), report);
        ProcessHandle back = NodeProcesses.live(dir, "n2").orElseThrow();
        assertTrue(back.pid() != n2.pid());
        assertEquals(n1, NodeProcesses.live(dir, "n1").orElseThrow(), "the live node is left alone");
    }

    @Test
    void aPortHeldByAStrangerIsRefusedBeforeAnythingStarts() throws IOException {
        try (ServerSocket stranger = new ServerSocket(basePort + 1, 1, InetAddress.getByName(ClusterShape.HOST))) {
            CliException e = assertThrows(CliException.class, () -> start(Optional.of(2)));
            assertEquals("cannot start: 127.0.0.1:" + (basePort + 1) + " (for n2) is in use by a process that is not this cluster's node."
                    + " Stop that process, or use another --dir and --base-port", e.getMessage());
        }
        assertFalse(Files.exists(dir.pidFile("n1")), "nothing was started");
    }

    @Test
    void aNodeThatExitsWhileStartingIsReportedWithItsLog() {
        launch = new NodeLaunch("false", launch.classPath(), List.of(), launch.setsid());
        CliException e = assertThrows(CliException.class, () -> start(Optional.of(1)));
        assertTrue(e.getMessage().startsWith("n1 exited with status 1 while starting"), e.getMessage());
        assertTrue(e.getMessage().contains("chorus cluster start: starting n1"), "the log's tail: " + e.getMessage());
    }

    private String start(Optional<Integer> nodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClusterStart.run(dir, nodes, Optional.of(basePort), launch, READY_TIMEOUT, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The report's table rows, cells split on runs of blanks (the last cell may hold one). */
    private static List<List<String>> rows(String report) {
        return report.lines().map(line -> List.of(line.split(" {2,}"))).toList();
    }

    private ClusterShape shape() {
        return ClusterShape.read(dir).orElseThrow();
    }

    private boolean mentionsTemp(ProcessHandle process) {
        return NodeProcesses.commandLine(process).map(args -> args.stream().anyMatch(arg -> arg.contains(temp.toString()))).orElse(false);
    }

    /** A base port whose {@code count} consecutive ports are free now, from a random spot of a high range. */
    static int freeConsecutivePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean allFree = true;
            for (int port = base; port < base + count && allFree; port++) {
                allFree = NodeProbe.portFree(new NodeSpec("probe", ClusterShape.HOST, port));
            }
            if (allFree) {
                return base;
            }
        }
        throw new AssertionError("no " + count + " consecutive free ports found");
    }
}
