package io.chorus.client;

import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every result carries a receipt: coordinator, sends, replicas behind it (primary or fallback), read repair, durability, context. */
class ReceiptTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    @Test
    void aReadsReceiptNamesItsCoordinatorAndTheReplicasThatAnsweredPrimaryOrFallback() {
        FakeCluster cluster = new FakeCluster(4, 8, 2, request -> null);
        resources.add(cluster);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        String stranger = cluster.nodes.stream().map(FakeNode::name).filter(n -> replicas.stream().noneMatch(r -> r.name().equals(n)))
                .findFirst().orElseThrow();
        cluster.nodes.forEach(node -> node.script(request -> request instanceof Get
                ? new GetResult(new byte[][]{utf8("v")}, new byte[]{7}, new String[]{replicas.get(1).name(), stranger}, true)
                : new WriteResult(new byte[]{8}, true, new String[]{replicas.get(0).name(), replicas.get(1).name()})));
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).build();
        resources.add(client);

        Receipt read = client.get("k", Consistency.QUORUM).receipt();
        assertEquals(replicas.get(0).name(), read.coordinator());
        assertEquals(1, read.attempts());
        assertEquals(List.of(replicas.get(1).name(), stranger), read.replicas());
        assertEquals(List.of(stranger), read.fallbacks(), "not one of the key's primaries: a fallback");
        assertTrue(read.readRepair());
        assertEquals(List.of(7), toList(read.context().bytes()));

        WriteAck written = client.put("k", utf8("v"), Consistency.QUORUM);
        assertTrue(written.receipt().durable());
        assertEquals(List.of(replicas.get(0).name(), replicas.get(1).name()), written.receipt().replicas());
        assertTrue(written.receipt().fallbacks().isEmpty());
        assertEquals(written.context(), written.receipt().context());
        String text = String.join("\n", written.receipt().describe(true));
        assertTrue(text.contains("acknowledged by: " + replicas.get(0).name() + " (primary), " + replicas.get(1).name() + " (primary)"), text);
        assertTrue(text.contains("durable: yes"), text);
    }

    @Test
    void aFailedOverCallsReceiptNamesTheNodeThatAnsweredAndTheSendsItTook() {
        FakeCluster cluster = new FakeCluster(3, 8, 3, request -> new GetResult(new byte[][]{utf8("v")}, new byte[0]));
        resources.add(cluster);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).script(request -> new Failure(ErrorKind.UNAVAILABLE, "(need 2, alive 1)"));
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).build();
        resources.add(client);

        Receipt receipt = client.get("k", Consistency.QUORUM).receipt();

        assertEquals(replicas.get(1).name(), receipt.coordinator());
        assertEquals(2, receipt.attempts());
        assertTrue(receipt.replicas().isEmpty(), "this node did not say which replicas answered");
        assertFalse(receipt.readRepair());
        assertTrue(String.join("\n", receipt.describe(false)).contains("(after 2 sends)"));
    }

    private static List<Integer> toList(byte[] bytes) {
        List<Integer> list = new ArrayList<>();
        for (byte b : bytes) list.add((int) b);
        return list;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
