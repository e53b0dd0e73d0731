package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.ReadResult;
import io.chorus.node.support.Await;
import io.chorus.node.support.LocalCluster;
import io.chorus.node.support.RawClient;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three real nodes on 127.0.0.1 driven through the client library and raw sockets. */
class ClusterEndToEndTest {
    static final Duration RAW_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDirs;
    static LocalCluster cluster;
    static ChorusClient client;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(3, dataDirs, Map.of());
        client = ChorusClient.builder().seeds(cluster.addresses()).requestTimeout(Duration.ofSeconds(5)).build();
        awaitAllReplicasUp(cluster, client);
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) client.close();
        if (cluster != null) cluster.close();
    }

    /** Until a write at ALL succeeds, every node has not yet heard from every other. */
    static void awaitAllReplicasUp(LocalCluster cluster, ChorusClient client) {
        // Every node's own links first: acks travel on the acking node's link to the coordinator, so a
        // write at ALL through n1 succeeding says nothing of n2's link to n3 (still in its reconnect
        // backoff if n3 started after n2 first tried it), and a write coordinated by n3 would time out.
        Await.until(Duration.ofSeconds(20), "every node linked to every peer", () -> {
            for (int i = 0; i < cluster.size(); i++) if (cluster.node(i).connectedPeers() != cluster.size() - 1) return false;
            return true;
        });
        Await.until(Duration.ofSeconds(20), "a write at ALL succeeds", () -> {
            try {
                client.put("probe-all-up", bytes("up"), Consistency.ALL);
                return true;
            } catch (ChorusException e) {
                return false;
            }
        });
    }

    @Test
    void quorumWriteIsReadThroughAnotherCoordinator() throws IOException {
        client.put("e2e-quorum", bytes("v1"), Consistency.QUORUM);
        int first = coordinatorOf("e2e-quorum");
        for (int other = 0; other < cluster.size(); other++) {
            if (other == first) continue;
            int node = other;
            try (RawClient raw = RawClient.connect(cluster.address(node), RAW_TIMEOUT)) {
                // R + W > N: a QUORUM read anywhere sees the acknowledged QUORUM write at once.
                assertValues(raw.call(new Get(Key.of("e2e-quorum"), Consistency.QUORUM.code())), "v1");
                // ONE reads the coordinator's own copy: the write reaches every live replica, soon.
                Await.until(Duration.ofSeconds(5), "n" + (node + 1) + " has the write", () -> {
                    try {
                        return values(raw.call(new Get(Key.of("e2e-quorum"), Consistency.ONE.code()))).equals(Set.of("v1"));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }
        assertEquals(List.of("v1"), strings(client.get("e2e-quorum", Consistency.ONE)));
    }

    @Test
    void aSessionTokenExportedByOneClientGivesAnotherItsWritesAtOne() {
        io.chorus.client.Session writer = client.session();
        writer.put("e2e-session", bytes("v1"), io.chorus.client.Context.NONE, Consistency.ONE, io.chorus.client.WriteOptions.DEFAULT);
        String token = writer.export();
        assertTrue(token.startsWith("cs2.") && token.length() < 200, token);
        try (ChorusClient other = ChorusClient.builder().seeds(cluster.addresses()).requestTimeout(Duration.ofSeconds(5)).build()) {
            ReadResult read = other.session(token).get("e2e-session", Consistency.ONE);
            assertEquals(1, read.values().size());
            assertArrayEquals(bytes("v1"), read.values().get(0));
        }
    }

    @Test
    void writesWithoutContextBecomeSiblingsAndAWriteWithTheReadsContextResolvesThem() {
        client.put("e2e-siblings", bytes("a"), Consistency.QUORUM);
        client.put("e2e-siblings", bytes("b"), Consistency.QUORUM);
        ReadResult both = client.get("e2e-siblings", Consistency.QUORUM);
        assertEquals(Set.of("a", "b"), new TreeSet<>(strings(both)), "two writes without context: two siblings");
        client.put("e2e-siblings", bytes("c"), both.context(), Consistency.QUORUM);
        assertEquals(List.of("c"), strings(client.get("e2e-siblings", Consistency.QUORUM)), "the context supersedes both");
        assertEquals(List.of("c"), strings(client.get("e2e-siblings", Consistency.ALL)));
    }

    @Test
    void invalidRequestsAreRefusedAndTheNodeStillServes() throws IOException {
        assertInvalid(() -> client.put("k".repeat(1025), bytes("v"), Consistency.QUORUM), "key is 1025 bytes, over the limit keyBytesMax=1024");
        assertInvalid(() -> client.put("e2e-big", new byte[(1 << 20) + 1], Consistency.QUORUM),
                "value is 1048577 bytes, over the limit valueBytesMax=1048576");
        assertInvalid(() -> client.put("", bytes("v"), Consistency.QUORUM), "key is empty");
        assertInvalid(() -> client.get("", Consistency.ONE), "key is empty");
        try (RawClient raw = RawClient.connect(cluster.address(0), RAW_TIMEOUT)) {
            Failure failure = assertInstanceOf(Failure.class, raw.call(new Get(Key.of("k"), (byte) 9)));
            assertEquals(ErrorKind.INVALID_REQUEST, failure.kind());
            assertTrue(failure.message().contains("unknown consistency code 9 (expected 1=ONE, 2=TWO, 3=QUORUM, 4=ALL)"), failure.message());
            assertInstanceOf(GetResult.class, raw.call(new Get(Key.of("k"), Consistency.ONE.code())), "the same connection still serves");
        }
        client.put("e2e-after-invalid", bytes("fine"), Consistency.QUORUM);
        assertEquals(List.of("fine"), strings(client.get("e2e-after-invalid", Consistency.QUORUM)));
        byte[] largest = new byte[1 << 20];
        Arrays.fill(largest, (byte) 7);
        client.put("e2e-largest", largest, Consistency.ALL);
        assertArrayEquals(largest, client.get("e2e-largest", Consistency.ALL).values().get(0), "a value at the limit is fine");
    }

    @Test
    void anOversizedFrameIsRefusedAndClosesOnlyThatConnection() throws IOException {
        try (RawClient raw = RawClient.connect(cluster.address(1), RAW_TIMEOUT)) {
            byte[] start = ByteBuffer.allocate(4 + 1000).putInt(3 << 20).array(); // says 3 MiB, sends 1000 bytes
            raw.sendRaw(start);
            var reply = raw.readReply();
            assertEquals(-1, reply.requestId());
            Failure failure = assertInstanceOf(Failure.class, reply.response());
            assertEquals(ErrorKind.INVALID_REQUEST, failure.kind());
            assertEquals("frame of 3145728 bytes is over the limit limits.frameBytesMax=2097152 bytes", failure.message());
            assertTrue(raw.closedByPeer(), "the node closes the connection after the refusal");
        }
        try (RawClient raw = RawClient.connect(cluster.address(1), RAW_TIMEOUT)) {
            byte[] garbage = ByteBuffer.allocate(4 + 16).putInt(16).putLong(-1L).putLong(42L).array();
            raw.sendRaw(garbage);
            Failure failure = assertInstanceOf(Failure.class, raw.readReply().response());
            assertTrue(failure.message().startsWith("undecodable frame: "), failure.message());
            assertTrue(raw.closedByPeer());
        }
        try (RawClient raw = RawClient.connect(cluster.address(1), RAW_TIMEOUT)) {
            assertInstanceOf(GetResult.class, raw.call(new Get(Key.of("k"), Consistency.QUORUM.code())), "the node still serves");
        }
    }

    @Test
    void anyNodeDescribesTheCluster() throws IOException {
        try (RawClient raw = RawClient.connect(cluster.address(2), RAW_TIMEOUT)) {
            ClusterDescription description = assertInstanceOf(ClusterDescription.class, raw.call(new DescribeCluster()));
            assertEquals(List.of("n1", "n2", "n3"), List.of(description.nodeNames()));
            assertEquals(cluster.config(0).partitions(), description.partitions());
            assertEquals(3, description.replicationFactor());
        }
    }

    /** The node the client sends a key's requests to: the first of its preference list. */
    private static int coordinatorOf(String key) {
        NodeId first = cluster.config(0).membership().ring().preferenceList(bytes(key), 3).primaries().get(0);
        int index = cluster.indexOf(first.name());
        assertNotEquals(-1, index);
        return index;
    }

    private static void assertInvalid(Runnable call, String expected) {
        ChorusException e = assertThrows(ChorusException.class, call::run);
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("InvalidRequest "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertValues(ClientResponse response, String... expected) {
        assertEquals(Set.of(expected), values(response));
    }

    private static Set<String> values(ClientResponse response) {
        GetResult result = assertInstanceOf(GetResult.class, response, () -> "not a read result: " + response);
        Set<String> values = new TreeSet<>();
        for (byte[] value : result.values()) values.add(new String(value, StandardCharsets.UTF_8));
        return values;
    }

    static List<String> strings(ReadResult result) {
        return result.values().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
