package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real three-node cluster in a temporary directory: child JVMs launched by {@code cluster start}
 * from this test JVM's binary, classpath and flags, exactly as from the launcher. One node killed
 * with SIGKILL must show as down and come back on the next start; stop must leave no process behind.
 */
class LocalClusterTest {
    private static final int NODES = 3;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** Three JVMs with Chronicle Map start in ~5-20 s on a busy 2-core machine; leave room. */
    private static final String WAIT_SECONDS = "120";

    @TempDir
    Path temp;

    @AfterEach
    void leaveNoNodeBehind() {
        // safety net if an assertion failed midway: every process whose command line names our directory
        ProcessHandle.allProcesses().filter(this::mentionsTemp).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void startKillRestartAndStopAThreeNodeCluster() {
        int basePort = ClusterStartTest.freeConsecutivePorts(NODES);
        String dir = temp.resolve("cluster").toString();

        Result start = chorus("cluster", "start", "--nodes", "3", "--dir", dir, "--base-port", Integer.toString(basePort), "--wait", WAIT_SECONDS);
        assertEquals(0, start.code(), start.err());
        assertTrue(start.out().contains("All 3 nodes answer"), start.out());
        Map<String, String[]> status = status(dir);
        assertEquals(List.of("running", "running", "running"), states(status));
        assertEquals(List.of("ready", "ready", "ready"), health(status), "each node's /ready endpoint answers");

        long victim = Long.parseLong(status.get("n2")[2]);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        assertTrue(Deadline.after(KILL_WAIT).await(() -> ProcessHandle.of(victim).map(p -> !p.isAlive()).orElse(true)));
        assertEquals(List.of("running", "down", "running"), states(status(dir)));

        Result restart = chorus("cluster", "start", "--dir", dir, "--wait", WAIT_SECONDS);
        assertEquals(0, restart.code(), restart.err());
        Map<String, String[]> after = status(dir);
        assertEquals(List.of("running", "running", "running"), states(after));
        assertEquals(status.get("n1")[2], after.get("n1")[2], "a live node is left alone");
        assertEquals(status.get("n3")[2], after.get("n3")[2], "a live node is left alone");

        Result stop = chorus("cluster", "stop", "--dir", dir);
        assertEquals(0, stop.code(), stop.err());
        for (String[] row : after.values()) {
            long pid = Long.parseLong(row[2]);
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "node " + row[0] + " pid " + pid + " still alive");
        }
        assertEquals(List.of("down", "down", "down"), states(status(dir)));
        assertEquals(Optional.empty(), ProcessHandle.allProcesses().filter(this::mentionsTemp).findAny(), "no node process remains");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result chorus(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The status table's rows by node name: name, address, pid, then state and the health columns. */
    private static Map<String, String[]> status(String dir) {
        Result status = chorus("cluster", "status", "--dir", dir);
        assertEquals(0, status.code(), status.err());
        Map<String, String[]> rows = new LinkedHashMap<>();
        status.out().lines().skip(1).forEach(line -> {
            String[] cells = line.split(" +", 4);
            rows.put(cells[0], cells);
        });
        assertEquals(List.of("n1", "n2", "n3"), List.copyOf(rows.keySet()), status.out());
        return rows;
    }

    /** The STATE column: the text before the METRICS column (":port"); "not started" has a space. */
    private static List<String> states(Map<String, String[]> status) {
        return status.values().stream().map(row -> row[3].split(" +:")[0].trim()).toList();
    }

    /** The HEALTH column of each row: what the node's /ready endpoint said. */
    private static List<String> health(Map<String, String[]> status) {
        return status.values().stream().map(row -> row[3].split(" +:[0-9]+ +")[1].split(" +")[0]).toList();
    }

    private boolean mentionsTemp(ProcessHandle process) {
        return NodeProcesses.commandLine(process).map(args -> args.stream().anyMatch(arg -> arg.contains(temp.toString()))).orElse(false);
    }
}
