package io.chorus.client.cli;

import io.chorus.client.Context;
import io.chorus.client.TestClusters;
import io.chorus.client.WriteAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandsTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path workingDirectory;

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    /** One command's outcome. */
    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = DataCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workingDirectory);
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private TestClusters.Handle storeCluster() {
        TestClusters.Handle cluster = TestClusters.memoryStore(3);
        resources.add(cluster);
        return cluster;
    }

    @Test
    void putThenGetPrintsTheValueAndAContext() {
        String seeds = storeCluster().seeds();

        Outcome put = run("put", "greeting", "héllo", "--cluster", seeds);
        assertEquals(0, put.exitCode(), put.err());
        assertTrue(put.out().matches("ok\ncontext: [A-Za-z0-9_-]+\n"), put.out());

        Outcome get = run("get", "greeting", "--consistency", "all", "--cluster=" + seeds);
        assertEquals(0, get.exitCode(), get.err());
        assertTrue(get.out().matches("héllo\ncontext: [A-Za-z0-9_-]+\n"), get.out());
    }

    @Test
    void concurrentPutsShowAsNumberedSiblingsAndAContextResolvesThem() {
        String seeds = storeCluster().seeds();
        run("put", "k", "a", "--cluster", seeds);
        run("put", "k", "b", "--cluster", seeds);

        Outcome siblings = run("get", "k", "--cluster", seeds);
        assertEquals("sibling 1: a\nsibling 2: b\n", siblings.out().substring(0, siblings.out().indexOf("context: ")));

        String context = siblings.out().lines().filter(l -> l.startsWith("context: ")).findFirst().orElseThrow().substring(9);
        assertEquals(0, run("put", "k", "c", "--context", context, "--cluster", seeds).exitCode());
        assertTrue(run("get", "k", "--cluster", seeds).out().startsWith("c\ncontext: "));
    }

    @Test
    void explainPrintsTheReceiptAfterTheResult() {
        String seeds = storeCluster().seeds();
        Outcome put = run("put", "k", "v", "--explain", "--cluster", seeds);
        assertEquals(0, put.exitCode(), put.err());
        assertTrue(put.out().matches("ok\ncontext: [A-Za-z0-9_-]+\ncoordinator: n[123]\nacknowledged by: n2 \\(primary\\), n3 \\(primary\\)\n"
                + "durable: no \\(page cache\\)\n"), put.out());

        Outcome get = run("get", "k", "--explain", "--cluster", seeds);
        assertEquals(0, get.exitCode(), get.err());
        assertTrue(get.out().matches("v\ncontext: [A-Za-z0-9_-]+\ncoordinator: n[123]\nanswered by: n1 \\(primary\\), n2 \\(primary\\)\n"
                + "read repair: none needed\n"), get.out());
        assertEquals(get.out().lines().limit(2).toList(), run("get", "k", "--cluster", seeds).out().lines().toList(), "without --explain: no receipt");
    }

    @Test
    void getOfAMissingKeyPrintsNotFoundAndExitsOne() {
        Outcome get = run("get", "missing", "--cluster", storeCluster().seeds());
        assertEquals(DataCommands.EXIT_NOT_FOUND, get.exitCode());
        assertEquals("not found\n", get.out());
    }

    @Test
    void deleteWithoutAContextDeletesWhatItReads() {
        String seeds = storeCluster().seeds();
        run("put", "k", "a", "--cluster", seeds);
        Outcome delete = run("delete", "k", "--cluster", seeds);
        assertEquals(0, delete.exitCode(), delete.err());
        assertTrue(delete.out().startsWith("ok\ncontext: "), delete.out());
        assertEquals(DataCommands.EXIT_NOT_FOUND, run("get", "k", "--cluster", seeds).exitCode());
    }

    @Test
    void aBadLevelIsAUsageErrorNamingTheAcceptedLevels() {
        Outcome outcome = run("get", "k", "--consistency", "most", "--cluster", "127.0.0.1:1");
        assertEquals(DataCommands.EXIT_USAGE, outcome.exitCode());
        assertTrue(outcome.err().startsWith("unknown consistency level \"most\" (expected one, two, quorum or all)"), outcome.err());
        assertEquals("", outcome.out());
    }

    @Test
    void durableWritesSayWhetherTheReplicasFsyncedThem() {
        String seeds = storeCluster().seeds();
        Outcome put = run("put", "k", "v", "--durable", "--cluster", seeds);
        assertEquals(0, put.exitCode(), put.err());
        assertTrue(put.out().matches("ok \\(durable\\)\ncontext: [A-Za-z0-9_-]+\n"), put.out());
        Outcome delete = run("delete", "k", "--cluster", seeds, "--durable");
        assertTrue(delete.out().startsWith("ok (durable)\ncontext: "), delete.out());
        assertTrue(run("put", "k", "w", "--cluster", seeds).out().startsWith("ok\n"), "not durable unless asked");
        assertEquals("ok (not durable)", DataCommands.okLine(new WriteAck(Context.NONE, false), true), "asked, but the node did not confirm");
        assertEquals("ok", DataCommands.okLine(new WriteAck(Context.NONE, false), false));
        Outcome get = run("get", "k", "--durable", "--cluster", seeds);
        assertEquals(DataCommands.EXIT_USAGE, get.exitCode());
        assertTrue(get.err().startsWith("get takes no --durable (it is for writes)"), get.err());
    }

    @Test
    void malformedArgumentsAreUsageErrors() {
        assertEquals(DataCommands.EXIT_USAGE, run().exitCode());
        assertEquals(DataCommands.EXIT_USAGE, run("put", "k").exitCode());
        assertEquals(DataCommands.EXIT_USAGE, run("get", "k", "--context").exitCode());
        assertEquals(DataCommands.EXIT_USAGE, run("get", "k", "--colour", "red").exitCode());
        assertEquals(DataCommands.EXIT_USAGE, run("put", "k", "v", "--context", "%%").exitCode());
        assertEquals(DataCommands.EXIT_USAGE, run("get", "k", "--cluster", "nowhere").exitCode());
        assertEquals(DataCommands.EXIT_OK, run("--help").exitCode());
    }

    @Test
    void aFailureFromTheClusterGoesToStderrWithItsKind() {
        TestClusters.Handle cluster = TestClusters.failing(1, "(need 3, alive 2): key \"k\"");
        resources.add(cluster);
        Outcome outcome = run("put", "k", "v", "--consistency", "all", "--cluster", cluster.seeds());
        assertEquals(DataCommands.EXIT_FAILED, outcome.exitCode());
        assertEquals("Unavailable (need 3, alive 2): key \"k\"\n", outcome.err());
        assertEquals("", outcome.out());
    }

    @Test
    void aDeadClusterFailsFastAsUnavailable() {
        long start = System.nanoTime();
        Outcome outcome = run("get", "k", "--cluster", TestClusters.deadAddresses(2));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(DataCommands.EXIT_FAILED, outcome.exitCode());
        assertTrue(outcome.err().startsWith("Unavailable no seed reachable"), outcome.err());
        assertTrue(elapsedMillis < 3_000, "took " + elapsedMillis + " ms");
    }

    @Test
    void theDefaultClusterIsReadFromTheLocalAddressFile() throws IOException {
        TestClusters.Handle cluster = storeCluster();
        Path file = workingDirectory.resolve(DataCommands.CLUSTER_ADDRESSES_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# written by chorus cluster start\n" + cluster.seeds().replace(",", "\n") + "\n");

        assertEquals(0, run("put", "k", "v").exitCode());
        assertEquals("v", run("get", "k").out().lines().findFirst().orElseThrow());
    }

    @Test
    void withoutAnAddressFileTheDefaultIsThreeLocalPorts() {
        assertEquals(io.chorus.client.Addresses.parseList("127.0.0.1:7401,127.0.0.1:7402,127.0.0.1:7403"),
                DataCommands.defaultCluster(workingDirectory));
    }
}
