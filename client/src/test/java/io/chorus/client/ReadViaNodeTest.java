package io.chorus.client;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code replicas(key)} and reads through a named node ({@code get(key, level, via)}), against fake nodes. */
class ReadViaNodeTest {
    private static final Function<ClientRequest, ClientResponse> ACK =
            request -> request instanceof Get ? new GetResult(new byte[][]{utf8("v")}, new byte[]{1}) : new WriteResult(new byte[]{1}, false);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private ChorusClient client(List<InetSocketAddress> seeds) {
        return track(ChorusClient.builder().seeds(seeds).requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void replicasAreTheKeysPreferenceListInOrder() {
        FakeCluster cluster = track(new FakeCluster(5, 16, 3, ACK));
        ChorusClient client = client(cluster.seeds());
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            List<InetSocketAddress> expected = cluster.preferenceList(utf8(key)).stream().map(FakeNode::address).toList();
            assertEquals(expected, client.replicas(key), key);
            assertEquals(expected, client.replicas(utf8(key)), key);
        }
    }

    @Test
    void aReadViaANodeIsSentToThatNodeOnly() {
        FakeCluster cluster = track(new FakeCluster(3, 8, 3, ACK));
        ChorusClient client = client(cluster.seeds());
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));

        assertTrue(client.get("k", Consistency.ONE, replicas.get(1).address()).found());
        client.getAsync(utf8("k"), Consistency.QUORUM, replicas.get(2).address()).toCompletableFuture().join();

        assertEquals(0, replicas.get(0).received().size(), "the first replica, where routing would send it, gets nothing");
        assertEquals(Consistency.ONE.code(), assertInstanceOf(Get.class, replicas.get(1).received().get(0)).consistency());
        assertEquals(Consistency.QUORUM.code(), assertInstanceOf(Get.class, replicas.get(2).received().get(0)).consistency());
        client.get("k", Consistency.ONE);
        assertEquals(1, replicas.get(0).received().size(), "a read without via is routed as before");
    }

    @Test
    void aReadViaADownNodeIsUnavailableAndTriesNoOtherNode() throws Exception {
        FakeCluster cluster = track(new FakeCluster(3, 8, 3, ACK));
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        ChorusClient client = client(List.of(replicas.get(0).address()));
        replicas.get(1).close();

        var failed = client.getAsync(utf8("k"), Consistency.ONE, replicas.get(1).address()).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorKind.UNAVAILABLE, assertInstanceOf(ChorusException.class, e.getCause()).kind());
        assertTrue(replicas.get(0).received().isEmpty() && replicas.get(2).received().isEmpty(), "no fallback to another node");
    }

    @Test
    void aReadViaAnAddressOutsideTheClusterIsRefusedBeforeSending() {
        FakeCluster cluster = track(new FakeCluster(3, 8, 3, ACK));
        ChorusClient client = client(cluster.seeds());
        InetSocketAddress stranger = ChorusClientTest.deadAddress();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.get("k", Consistency.ONE, stranger));
        assertTrue(e.getMessage().contains("is not a node of the cluster") && e.getMessage().contains("n1 ("), e.getMessage());
        assertTrue(cluster.nodes.stream().allMatch(n -> n.received().isEmpty()));
    }

    @Test
    void withoutTheRingThereAreNoReplicasButASeedCanBeNamed() {
        FakeNode node = track(new FakeNode("n1", ACK)); // with no description, it refuses DescribeCluster
        ChorusClient client = client(List.of(node.address()));
        assertEquals(List.of(), client.replicas("k"));
        assertTrue(client.get("k", Consistency.ONE, node.address()).found());
        assertEquals(1, node.received().size());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
