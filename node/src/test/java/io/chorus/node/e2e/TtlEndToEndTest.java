package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.Context;
import io.chorus.client.WriteOptions;
import io.chorus.client.cli.DataCommands;
import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;
import io.chorus.node.support.Await;
import io.chorus.node.support.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.chorus.replication.state.Consistency.ALL;
import static io.chorus.replication.state.Consistency.ONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TTL puts on three real nodes: {@code chorus put KEY VALUE --ttl 2s} is readable at once, then
 * gone, never before its TTL ran out; every node drops it from storage (the metric counts it), and
 * the key takes new values afterwards. One machine, one clock: no skew to allow for.
 */
class TtlEndToEndTest {
    static final Duration TTL = Duration.ofSeconds(2);

    @TempDir
    static Path dataDirs;
    static final List<ChorusNode> nodes = new ArrayList<>();
    static String cluster;

    @BeforeAll
    static void startCluster() {
        List<Integer> ports = FreePorts.pick(3);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 3; i++) members.append(i == 0 ? "" : ",").append("n").append(i + 1).append("@127.0.0.1:").append(ports.get(i));
        for (int i = 0; i < 3; i++) {
            String name = "n" + (i + 1);
            nodes.add(ChorusNode.start(NodeConfig.load(null, Map.of("node.name", name, "node.listen", "127.0.0.1:" + ports.get(i),
                    "node.dataDir", dataDirs.resolve(name).toString(), "cluster.members", members.toString(), "storage.entriesMax", "10000",
                    // each node must drop the value by its own clock: no repair may hand it a peer's drop first
                    "readRepair.askAll", "false", "read.speculation.millis", "3600000", "antiEntropy.interval.millis", "86400000"))));
        }
        cluster = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:" + ports.get(2);
        Await.until(Duration.ofSeconds(20), "a put at ALL succeeds (every node hears every other)",
                () -> cli("put", "warmup", "x", "--consistency", "all").exit == 0);
    }

    @AfterAll
    static void stopCluster() {
        for (ChorusNode node : nodes) node.close();
    }

    @Test
    void aPutWithATtlIsReadableThenGoneFromEveryNode() {
        long sentNanos = System.nanoTime();
        Run put = cli("put", "session", "token-1", "--ttl", "2s", "--consistency", "all", "--explain");
        assertEquals(0, put.exit, put.err);
        assertTrue(put.out.contains("expires: PT2S"), put.out);
        Run seen = cli("get", "session", "--consistency", "all");
        if (seen.exit == 0) {
            assertTrue(seen.out.startsWith("token-1"), seen.out);
        } else { // only if this machine was too busy to read within the TTL
            assertTrue(System.nanoTime() - sentNanos >= TTL.toNanos(), "not found before its TTL ran out: " + seen.out + seen.err);
        }
        Await.until(Duration.ofSeconds(30), "the value expired", () -> cli("get", "session", "--consistency", "one").exit == 1);
        assertTrue(System.nanoTime() - sentNanos >= TTL.toNanos(), "gone before its TTL ran out");
        for (ChorusNode node : nodes) { // each node's storage drops it (by its clock, the same clock here)
            Await.until(Duration.ofSeconds(10), node.config().name() + " drops the expired value",
                    () -> node.metrics().registry().counter("chorus.ttl.expired.dropped").count() >= 1);
        }
        assertEquals(1, cli("get", "session", "--consistency", "all").exit, "not found at ALL either");
        Run again = cli("put", "session", "token-2", "--consistency", "all");
        assertEquals(0, again.exit, again.err);
        assertTrue(cli("get", "session", "--consistency", "all").out.startsWith("token-2"), "the key takes new values");
    }

    @Test
    void theClientRefusesATtlOutOfBoundsOrOnADelete() {
        assertThrows(IllegalArgumentException.class, () -> WriteOptions.DEFAULT.withTtl(Duration.ofMillis(999)));
        assertThrows(IllegalArgumentException.class, () -> WriteOptions.DEFAULT.withTtl(Duration.ofDays(3651)));
        try (ChorusClient client = ChorusClient.builder().seeds(List.of(nodes.get(0).address())).build()) {
            var ack = client.put("lease", "me".getBytes(StandardCharsets.UTF_8), Context.NONE, ALL, WriteOptions.DEFAULT.withTtl(Duration.ofHours(1)));
            assertEquals(List.of("me"), client.get("lease", ONE).values().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.delete("lease", ack.context(), ALL, WriteOptions.DEFAULT.withTtl(Duration.ofHours(1))));
            assertTrue(e.getMessage().contains("a delete takes no ttl"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> client.counter("hits").with(WriteOptions.DEFAULT.withTtl(Duration.ofHours(1))).increment(1, ALL));
        }
        Run bad = cli("put", "k", "v", "--ttl", "500ms");
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("--ttl 500ms is outside 1s..3650d"), bad.err);
        assertEquals(2, cli("get", "k", "--ttl", "5s").exit, "a get takes no --ttl");
    }

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cluster");
        all.add(cluster);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = DataCommands.run(all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
