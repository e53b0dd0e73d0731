package io.chorus.node.e2e;

import io.chorus.replication.state.Consistency;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.MapView;
import io.chorus.client.cli.DataCommands;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.crdt.type.PnCounter;
import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;
import io.chorus.node.support.Await;
import io.chorus.node.support.FreePorts;
import io.chorus.node.support.RawClient;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.WriteResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.chorus.replication.state.Consistency.ALL;
import static io.chorus.replication.state.Consistency.QUORUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CRDT values through three real nodes on 127.0.0.1 and the client library: a retried increment
 * counts once (its reply lost by a relay in front of n1, or the same update sent through two
 * coordinators by hand), sets and maps round trip, and a key keeps the type of its first write.
 */
class CrdtEndToEndTest {
    static final Duration RAW_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDirs;
    static final List<ChorusNode> nodes = new ArrayList<>();
    static final List<NodeConfig> configs = new ArrayList<>();
    static LossyProxy proxy;
    static ChorusClient client;

    /** n1 is known to peers and clients by the proxy's address, so every connection to it goes through the proxy. */
    @BeforeAll
    static void startCluster() {
        List<Integer> ports = FreePorts.pick(4);
        InetSocketAddress proxyAddress = new InetSocketAddress("127.0.0.1", ports.get(3));
        String members = "n1@127.0.0.1:" + ports.get(3) + ",n2@127.0.0.1:" + ports.get(1) + ",n3@127.0.0.1:" + ports.get(2);
        proxy = LossyProxy.start(proxyAddress, new InetSocketAddress("127.0.0.1", ports.get(0)));
        for (int i = 0; i < 3; i++) {
            String name = "n" + (i + 1);
            configs.add(NodeConfig.load(null, Map.of("node.name", name, "node.listen", "127.0.0.1:" + ports.get(i),
                    "node.dataDir", dataDirs.resolve(name).toString(), "cluster.members", members, "storage.entriesMax", "10000")));
            nodes.add(ChorusNode.start(configs.get(i)));
        }
        client = ChorusClient.builder().seeds(List.of(nodes.get(1).address())).requestTimeout(Duration.ofSeconds(5)).build();
        Await.until(Duration.ofSeconds(20), "an update at ALL succeeds (every node hears every other)", () -> {
            try {
                client.flag("probe-all-up").enable(ALL);
                return true;
            } catch (ChorusException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) client.close();
        nodes.forEach(ChorusNode::close);
        if (proxy != null) proxy.close();
    }

    /**
     * n1 frozen (the proxy holds everything to and from its client port, as SIGSTOP would): reads of
     * a key n1 is first in line for move on to the key's other replicas after one attempt timeout,
     * n1's circuit breaker opens, and later reads go straight to the others.
     */
    @Test
    void readsMoveOnFromAFrozenFirstReplicaAndItsBreakerOpens() {
        String key = keyFirstReplicatedBy("n1", "frozen-");
        client.put(key, "v".getBytes(java.nio.charset.StandardCharsets.UTF_8), ALL);
        try (ChorusClient reader = ChorusClient.builder().seeds(List.of(nodes.get(1).address())).requestTimeout(Duration.ofSeconds(10))
                .attemptTimeout(Duration.ofMillis(300)).circuitBreaker(2, Duration.ofSeconds(60)).build()) {
            proxy.freeze(true);
            for (int i = 0; i < 2; i++) {
                io.chorus.client.ReadResult read = reader.get(key, QUORUM);
                assertEquals(1, read.values().size());
                assertEquals(2, read.receipt().attempts(), "n1 silent, then another replica: " + read.receipt());
                assertTrue(!read.receipt().coordinator().equals("n1"), read.receipt().toString());
            }
            io.chorus.client.NodeState n1 = reader.nodes().stream().filter(n -> n.name().equals("n1")).findFirst().orElseThrow();
            assertEquals(io.chorus.client.BreakerState.OPEN, n1.breaker(), n1.toString());
            long start = System.nanoTime();
            io.chorus.client.ReadResult read = reader.get(key, QUORUM);
            assertEquals(1, read.receipt().attempts(), "the open breaker sends it to another replica first");
            assertTrue((System.nanoTime() - start) / 1_000_000 < 300, "no attempt timeout waited");
        } finally {
            proxy.freeze(false);
        }
    }

    @Test
    void anIncrementWhoseReplyIsLostIsRetriedByTheClientAndCountsOnce() {
        String key = keyFirstReplicatedBy("n1", "lost-reply-");
        proxy.loseNextCrdtUpdateReply();
        long retriesBefore = client.crdtRetriesSent();

        client.counter(key).increment(1, QUORUM);

        assertEquals(1, proxy.repliesLost(), "the first attempt was applied by n1 and its reply lost on the way back");
        assertEquals(retriesBefore + 1, client.crdtRetriesSent(), "the client sent it again");
        assertEquals(1, client.counter(key).value(ALL), "a retry of an applied operation is not applied again");
        client.counter(key).increment(1, QUORUM);
        assertEquals(2, client.counter(key).value(ALL), "a new operation counts");
    }

    @Test
    void theSameUpdateThroughTwoCoordinatorsCountsOnce() throws IOException {
        Key key = Key.of("retried-by-hand");
        CrdtUpdate firstAttempt = new CrdtUpdate(key, new CounterAdd(5), 7_000_001L << 20, 1, Consistency.QUORUM.code(), false);
        CrdtUpdate retry = new CrdtUpdate(key, new CounterAdd(5), 7_000_001L << 20, 2, Consistency.QUORUM.code(), false);
        try (RawClient n2 = RawClient.connect(nodes.get(1).address(), RAW_TIMEOUT);
             RawClient n3 = RawClient.connect(nodes.get(2).address(), RAW_TIMEOUT)) {
            assertInstanceOf(WriteResult.class, n2.call(firstAttempt)); // imagine this reply lost
            assertInstanceOf(WriteResult.class, n3.call(retry));
            assertEquals(5, counterAt(n3, key), "two attempts of one operation, through two coordinators, count once");
        }
    }

    @Test
    void aSetRoundTrips() {
        client.set("e2e-set").addAll(List.of("a", "b", "c"), QUORUM);
        client.set("e2e-set").remove("b", QUORUM);
        client.set("e2e-set").add(new byte[]{0, 1}, QUORUM);

        assertEquals(List.of("\u0000\u0001", "a", "c"), client.set("e2e-set").elements(ALL));
        assertTrue(client.set("e2e-set").contains("c", ALL));
        assertFalse(client.set("e2e-set").contains("b", ALL));
        client.set("e2e-set").clear(ALL);
        assertTrue(client.set("e2e-set").read(ALL).isEmpty());
    }

    @Test
    void aMapRoundTripsWithNestedFields() {
        client.map("e2e-profile").update(QUORUM, m -> m.counter("visits").increment(3).set("tags").add("x", "y")
                .lwwRegister("name").set("Ada").map("address").update(a -> a.register("city").set("Oslo").flag("verified").enable()));
        client.map("e2e-profile").update(QUORUM, m -> m.counter("visits").decrement(1).set("tags").remove("x"));

        MapView profile = client.map("e2e-profile").get(ALL);
        assertEquals(2, profile.counter("visits").value());
        assertEquals(List.of("y"), profile.set("tags").elements());
        assertEquals(Optional.of("Ada"), profile.lwwRegister("name").value());
        assertEquals(List.of("Oslo"), profile.map("address").register("city").values());
        assertTrue(profile.map("address").flag("verified").enabled());
        assertEquals(4, profile.fields().size(), profile.fields().toString());
    }

    @Test
    void registersAndFlagsRoundTrip() {
        client.register("e2e-colour").set("red", QUORUM);
        client.register("e2e-colour").set("blue", QUORUM);
        assertEquals(List.of("blue"), client.register("e2e-colour").values(ALL), "a write replaces what was seen");
        client.lwwRegister("e2e-name").set("Grace", QUORUM);
        assertEquals(Optional.of("Grace"), client.lwwRegister("e2e-name").value(ALL));
        client.flag("e2e-flag").enable(QUORUM);
        client.flag("e2e-flag").disable(QUORUM);
        assertFalse(client.flag("e2e-flag").enabled(ALL));
    }

    @Test
    void aKeyKeepsTheTypeOfItsFirstWrite() {
        client.counter("e2e-typed").increment(1, QUORUM);

        ChorusException update = assertThrows(ChorusException.class, () -> client.set("e2e-typed").add("x", QUORUM));
        assertEquals(ErrorKind.INVALID_REQUEST, update.kind());
        assertTrue(update.getMessage().contains("holds a counter, not a set"), update.getMessage());
        ChorusException read = assertThrows(ChorusException.class, () -> client.map("e2e-typed").get(QUORUM));
        assertTrue(read.getMessage().contains("holds a counter, not a map"), read.getMessage());
        ChorusException plain = assertThrows(ChorusException.class, () -> client.get("e2e-typed", QUORUM));
        assertTrue(plain.getMessage().contains("holds a counter"), plain.getMessage());
        assertEquals(1, client.counter("e2e-typed").value(ALL), "nothing of the refused operations was applied");
    }

    @Test
    void theCliCommandsRunAgainstRealNodes() {
        String cluster = "127.0.0.1:" + nodes.get(1).address().getPort();
        assertEquals("ok\n", cli("counter", "e2e-cli-hits", "incr", "5", "--cluster", cluster));
        assertEquals("ok\n", cli("counter", "e2e-cli-hits", "decr", "--cluster", cluster));
        assertEquals("4\n", cli("counter", "e2e-cli-hits", "value", "--consistency", "all", "--cluster", cluster));
        assertEquals("ok\n", cli("map", "e2e-cli-map", "incr", "visits", "--cluster", cluster));
        assertEquals("ok\n", cli("map", "e2e-cli-map", "add", "tags", "x", "y", "--cluster", cluster));
        assertEquals("tags (set): {\"x\", \"y\"}\nvisits (counter): 1\n", cli("map", "e2e-cli-map", "get", "--consistency", "all", "--cluster", cluster));
    }

    /** Runs a command as the launcher would and returns what it printed; fails on a non-zero exit. */
    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = DataCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exitCode, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long counterAt(RawClient node, Key key) throws IOException {
        ClientResponse response = node.call(new CrdtGet(key, CrdtType.PN_COUNTER, Consistency.ALL.code()));
        CrdtValue value = assertInstanceOf(CrdtValue.class, response, () -> "not a value: " + response);
        return CrdtCodec.decode(value.value(), PnCounter.class).value();
    }

    /** A key whose preference list starts with {@code node}: the client sends its requests there first. */
    static String keyFirstReplicatedBy(String node, String prefix) {
        for (int i = 0; i < 1_000; i++) {
            String key = prefix + i;
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (configs.get(0).membership().ring().preferenceList(bytes, 3).primaries().get(0).name().equals(node)) return key;
        }
        throw new AssertionError("no key among 1000 starts its preference list with " + node);
    }
}
