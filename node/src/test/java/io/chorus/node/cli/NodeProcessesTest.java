package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How status and stop recognise a cluster's processes, with shell processes standing in for nodes: a
 * stand-in's command line ends like a node's ({@code io.chorus.node.cli.Main node --config FILE}).
 */
class NodeProcessesTest {
    private static final Duration SHORT_GRACE = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    private ClusterDir dir;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void twoNodeCluster() {
        dir = new ClusterDir(temp);
        ClusterFiles.ensure(dir, ClusterShape.local(2, 7401));
    }

    @AfterEach
    void endWhatWeStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aNodeWithoutAPidFileWasNeverStarted() {
        assertEquals(NodeState.NOT_STARTED, status("n1").state());
    }

    @Test
    void aLivePidThatIsNotThisNodeCountsAsDown() throws IOException {
        recordPid("n1", ProcessHandle.current().pid()); // alive, but a test JVM, not n1
        recordPid("n2", standIn("n1").pid()); // alive, but n1's stand-in, not n2
        assertEquals(NodeState.DOWN, status("n1").state());
        assertEquals(NodeState.DOWN, status("n2").state());
    }

    @Test
    void aDeadPidOrATornPidFileCountsAsDown() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        recordPid("n1", gone.pid());
        Files.writeString(dir.pidFile("n2"), "12ab");
        assertEquals(NodeState.DOWN, status("n1").state());
        assertEquals(NodeState.DOWN, status("n2").state());
    }

    @Test
    void aLiveProcessRunningThisNodesConfigIsRunning() throws IOException {
        Process node = standIn("n1");
        recordPid("n1", node.pid());
        NodeStatus status = status("n1");
        assertEquals(NodeState.RUNNING, status.state());
        assertEquals(Optional.of(node.pid()), status.process().map(ProcessHandle::pid));
        List<NodeStatus> statuses = NodeStatus.ofAll(dir, ClusterShape.read(dir).orElseThrow());
        List<NodeHealth> health = List.of(new NodeHealth("ready", "12", "340"), NodeHealth.UNKNOWN, NodeHealth.UNKNOWN);
        List<String> rows = ClusterStatus.table(statuses, health.subList(0, statuses.size())).lines().toList();
        assertEquals(List.of("NODE", "ADDRESS", "PID", "STATE", "METRICS", "HEALTH", "KEYS", "REQUESTS"), List.of(rows.get(0).split(" +")));
        assertEquals(List.of("n1", "127.0.0.1:7401", Long.toString(node.pid()), "running", ":8401", "ready", "12", "340"),
                List.of(rows.get(1).split(" +")));
        assertEquals(List.of("n2", "127.0.0.1:7402", "-", "not", "started", ":8402", "-", "-", "-"), List.of(rows.get(2).split(" +")));
    }

    @Test
    void stopEndsTheClustersNodesAndLeavesOtherProcessesAlone() throws IOException {
        Process n1 = standIn("n1");
        Process n2 = standIn("n2");
        recordPid("n1", n1.pid());
        recordPid("n2", n2.pid());
        Process unrelated = start(List.of("sleep", "30"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ClusterStop.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8), SHORT_GRACE));
        assertFalse(n1.isAlive());
        assertFalse(n2.isAlive());
        assertTrue(unrelated.isAlive(), "a process not recorded in the cluster directory is left alone");
        assertEquals("stopped n1 (pid " + n1.pid() + ")\nstopped n2 (pid " + n2.pid() + ")\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(NodeState.DOWN, status("n1").state());
    }

    @Test
    void stopNeverSignalsAPidReusedByAStranger() throws IOException {
        Process stranger = new ProcessBuilder("sleep", "30").start();
        started.add(stranger);
        recordPid("n1", stranger.pid());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ClusterStop.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8), SHORT_GRACE));
        assertTrue(stranger.isAlive());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("No node of the cluster in " + temp + " was running."));
    }

    @Test
    void stopKillsANodeThatIgnoresSigterm() throws IOException {
        Process stubborn = start(List.of("sh", "-c", "trap '' TERM; while :; do sleep 1; done",
                NodeLaunch.MAIN_CLASS, "node", "--config", dir.configFile("n1").toString()));
        recordPid("n1", stubborn.pid());
        // the trap must be set before the signal, or the shell simply dies of it
        assertTrue(Deadline.after(Duration.ofSeconds(5)).await(() -> stubborn.descendants().findAny().isPresent()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ClusterStop.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8), SHORT_GRACE));
        assertFalse(stubborn.isAlive());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("killed n1 (pid " + stubborn.pid() + "): still running 1 s after SIGTERM"),
                out.toString(StandardCharsets.UTF_8));
    }

    private NodeStatus status(String name) {
        return NodeStatus.of(dir, ClusterShape.read(dir).orElseThrow().nodes().stream()
                .filter(node -> node.name().equals(name)).findFirst().orElseThrow());
    }

    private void recordPid(String name, long pid) throws IOException {
        Files.writeString(dir.pidFile(name), pid + "\n");
    }

    /** A process whose command line is that of node {@code name} of this cluster. */
    private Process standIn(String name) throws IOException {
        return start(List.of("sh", "-c", "while :; do sleep 1; done",
                NodeLaunch.MAIN_CLASS, "node", "--config", dir.configFile(name).toString()));
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }
}
