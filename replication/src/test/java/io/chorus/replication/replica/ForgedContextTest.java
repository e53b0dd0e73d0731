package io.chorus.replication.replica;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ContextSeal;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.chorus.replication.replica.ReplicaTest.KEY;
import static io.chorus.replication.replica.ReplicaTest.contextOf;
import static io.chorus.replication.replica.ReplicaTest.put;
import static io.chorus.replication.replica.ReplicaTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A causal context is the cluster's, not the client's (SEMANTICS): the contexts a node gives out are
 * sealed for their key, and anything else a client sends as a context is refused with InvalidRequest
 * and changes nothing, so a forged one can neither poison a node's counters nor make a key's context
 * too large to write back.
 */
class ForgedContextTest {
    final TestCluster cluster = new TestCluster(3);
    final NodeId n1 = cluster.node(1), n2 = cluster.node(2), n3 = cluster.node(3);

    @Test
    void aContextClaimingAnotherNodesLastCounterIsRefusedAndThatNodeStaysWritable() {
        cluster.call(n1, put("a", null, "ALL"));
        VersionVector poison = VersionVector.of(new TreeMap<>(Map.of(n2.actor(0), Long.MAX_VALUE)));
        assertRefused(cluster.call(n1, put("forged", CausalContext.encode(poison), "ALL")));
        assertRefused(cluster.call(n1, put("forged", ContextSeal.ofSecret("another cluster").seal(KEY, poison), "ALL")));
        for (int i = 0; i < 3; i++) {
            ClientResponse read = cluster.call(n2, new Get(KEY, Consistency.ALL.code()));
            ClientResponse written = cluster.call(n2, put("later" + i, contextOf(read), "ALL"));
            assertInstanceOf(WriteResult.class, written, () -> "a write coordinated by n2 after the forged context: " + written);
        }
        assertEquals(List.of("later2"), values(cluster.call(n3, new Get(KEY, Consistency.ALL.code()))));
    }

    @Test
    void aContextNamingInventedActorsIsRefusedAndTheKeyCanStillBeResolved() {
        cluster.call(n1, put("a", null, "ALL"));
        cluster.call(n2, put("b", null, "ALL"));
        TreeMap<String, Long> invented = new TreeMap<>();
        for (int i = 0; i < 1024; i++) invented.put("invented-" + i, 1L);
        assertRefused(cluster.call(n3, put("c", CausalContext.encode(VersionVector.of(invented)), "ALL")));
        ClientResponse read = cluster.call(n1, new Get(KEY, Consistency.ALL.code()));
        assertEquals(List.of("a", "b"), values(read).stream().sorted().toList());
        ClientResponse resolved = cluster.call(n1, put("resolved", contextOf(read), "ALL"));
        assertInstanceOf(WriteResult.class, resolved, () -> "writing back the read's context: " + resolved);
        assertEquals(List.of("resolved"), values(cluster.call(n2, new Get(KEY, Consistency.ALL.code()))));
    }

    @Test
    void aContextGivenOutForOneKeyIsRefusedForAnother() {
        cluster.call(n1, put("a", null, "ALL"));
        byte[] ofKey = contextOf(cluster.call(n1, new Get(KEY, Consistency.ALL.code())));
        Key other = Key.of("other");
        Put misplaced = new Put(other, "x".getBytes(StandardCharsets.UTF_8), ofKey, Consistency.ALL.code(), false);
        assertRefused(cluster.call(n1, misplaced));
        assertEquals(List.of(), values(cluster.call(n2, new Get(other, Consistency.ALL.code()))), "nothing stored under the other key");
    }

    private static void assertRefused(ClientResponse response) {
        Failure failure = assertInstanceOf(Failure.class, response, () -> "a forged context must be refused, got " + response);
        assertEquals(ErrorKind.INVALID_REQUEST, failure.kind());
        assertTrue(failure.message().contains("context is not one this cluster gave out"), failure.message());
    }
}
