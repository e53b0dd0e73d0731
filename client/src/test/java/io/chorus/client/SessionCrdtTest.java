package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * CRDT handles taken from a {@link Session} carry its token and merge the tokens their answers
 * carry, as the session's plain calls do; handles taken from the client carry none. The fake node
 * answers each update with a token naming one more partition of node n1, so each token the client
 * sends shows what it had absorbed.
 */
class SessionCrdtTest {
    private static final int PARTITIONS = 8;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    /** A CRDT store whose answers to updates carry a token that has seen partitions 0..k of n1 after k+1 updates. */
    private static final class TokenMintingStore implements java.util.function.Function<ClientRequest, ClientResponse> {
        private final CrdtStore store = new CrdtStore();
        private SessionToken minted = SessionToken.empty(PARTITIONS);
        private int updates;

        @Override
        public synchronized ClientResponse apply(ClientRequest request) {
            ClientResponse answer = store.apply(request);
            if (request instanceof CrdtUpdate && answer instanceof WriteResult written) {
                minted = minted.with(NodeId.of("n1"), 7, updates++);
                return new WriteResult(written.context(), written.durable(), written.ackedBy(), minted.encode());
            }
            if (request instanceof CrdtGet && answer instanceof CrdtValue value) return new CrdtValue(value.value(), minted.encode());
            return answer;
        }

        synchronized SessionToken minted() {
            return minted;
        }
    }

    private ChorusClient client(FakeNode node) {
        ChorusClient client = ChorusClient.builder().seeds(List.of(node.address())).build();
        resources.add(client);
        return client;
    }

    private FakeNode node(TokenMintingStore store) {
        FakeCluster cluster = new FakeCluster(1, PARTITIONS, 1, store);
        resources.add(cluster);
        return cluster.nodes.get(0);
    }

    private static <T> List<T> received(FakeNode node, Class<T> type) {
        return node.received().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aSessionsCounterCarriesTheTokenOfItsEarlierUpdates() {
        TokenMintingStore store = new TokenMintingStore();
        FakeNode node = node(store);
        Session session = client(node).session();

        session.counter("hits").increment(2, Consistency.ONE);
        SessionToken afterFirst = store.minted();
        session.set("tags").add("x", Consistency.ONE);
        long hits = session.counter("hits").value(Consistency.ONE);

        assertEquals(2, hits);
        List<CrdtUpdate> updates = received(node, CrdtUpdate.class);
        assertEquals(0, updates.get(0).session().length, "the first update of a new session carries the empty token");
        assertArrayEquals(afterFirst.encode(), updates.get(1).session(), "the second update carries what the first one's answer gave");
        CrdtGet read = received(node, CrdtGet.class).get(0);
        assertArrayEquals(store.minted().encode(), read.session(), "the read carries the token of both updates");
        assertEquals(store.minted().export(), session.export(), "the exported token includes what CRDT answers carried");
    }

    @Test
    void aResumedSessionsReadCarriesTheImportedToken() {
        TokenMintingStore store = new TokenMintingStore();
        FakeNode node = node(store);
        ChorusClient client = client(node);
        SessionToken elsewhere = SessionToken.empty(PARTITIONS).with(NodeId.of("n1"), 7, 5);

        client.session(elsewhere.export()).map("profile").get(Consistency.ONE);

        assertArrayEquals(elsewhere.encode(), received(node, CrdtGet.class).get(0).session());
    }

    @Test
    void handlesFromTheClientCarryNoToken() {
        TokenMintingStore store = new TokenMintingStore();
        FakeNode node = node(store);
        ChorusClient client = client(node);

        client.counter("hits").increment(1, Consistency.ONE);
        client.counter("hits").value(Consistency.ONE);

        assertNull(received(node, CrdtUpdate.class).get(0).session());
        assertNull(received(node, CrdtGet.class).get(0).session());
    }
}
