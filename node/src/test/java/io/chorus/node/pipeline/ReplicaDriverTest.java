package io.chorus.node.pipeline;

import io.chorus.node.storage.WalBatch;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler's Ready loop on a real one-node replica: durable acks wait for the writer's report, others do not. */
class ReplicaDriverTest {
    private static final NodeId N1 = NodeId.of("n1");
    private static final ClientRef CLIENT = new ClientRef(1);

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Map<Long, ClientResponse> replies = new LinkedHashMap<>();
    private final List<Integer> submitted = new ArrayList<>(); // records per submitted log batch
    private final DurableWrites<Runnable> durable = new DurableWrites<>(this::submit);
    private boolean backlogged;
    private final ReplicaDriver driver;

    ReplicaDriverTest() {
        Topology topology = Topology.initial(new Membership(List.of(new Member(N1, "127.0.0.1:1")), 16), 1);
        Replica replica = new Replica(N1, 0, topology, ReplicaConfig.DEFAULTS, storage, new SplitMixRandom(7), () -> 0L,
                ReplicaObserver.NOOP, Set.of());
        Outbox outbox = new Outbox() {
            @Override
            public void send(NodeId to, PeerMessage message) {
                throw new AssertionError("a one-node cluster sends no peer message: " + message);
            }

            @Override
            public void reply(ClientRef client, long requestId, ClientResponse response) {
                assertTrue(replies.put(requestId, response) == null, "one reply per request");
            }
        };
        driver = new ReplicaDriver(replica, storage, new Codec(), outbox, durable, () -> backlogged);
    }

    private Long submit(WalBatch batch) {
        submitted.add(batch.records());
        return (long) submitted.size();
    }

    private static Put put(String key, String value, boolean durable) {
        return new Put(Key.of(key), value.getBytes(StandardCharsets.UTF_8), null, Consistency.ONE.code(), durable);
    }

    private void endOfBatch() {
        durable.endOfBatch(Runnable::run);
    }

    @Test
    void aDurableWriteIsStoredAtOnceButAcknowledgedOnlyOnceItsBatchIsFsynced() {
        driver.onClientRequest(CLIENT, 1, put("k", "v", true));
        assertNotNull(storage.get(Key.of("k")), "stored in the map right after the step");
        assertTrue(replies.isEmpty(), "no ack before the fsync");
        endOfBatch();
        assertEquals(List.of(1), submitted, "the write went to the log writer at the end of the batch");
        assertTrue(replies.isEmpty());
        assertEquals(1, durable.outstanding());

        durable.persisted(1, Runnable::run); // the writer's report, as the PERSISTED event delivers it
        WriteResult ack = assertInstanceOf(WriteResult.class, replies.get(1L));
        assertTrue(ack.durable(), "the ack says the write is durable");
        assertEquals(0, durable.outstanding());
    }

    @Test
    void aPlainWriteIsAcknowledgedInItsOwnBatchEvenWhileADurableOneWaits() {
        driver.onClientRequest(CLIENT, 1, put("slow", "v", true));
        driver.onClientRequest(CLIENT, 2, put("fast", "v", false));
        endOfBatch();
        assertEquals(List.of(2L), List.copyOf(replies.keySet()), "the plain write does not wait for the fsync");
        assertEquals(List.of(1), submitted, "only the durable write is logged");
        driver.onClientRequest(CLIENT, 3, new Get(Key.of("slow"), Consistency.ONE.code()));
        assertInstanceOf(GetResult.class, replies.get(3L), "a read sees the stored (not yet fsynced) write");
        durable.persisted(1, Runnable::run);
        assertInstanceOf(WriteResult.class, replies.get(1L));
    }

    @Test
    void whileTheLogIsBackloggedDurableWritesAreRefusedAndOthersGoOn() {
        backlogged = true;
        driver.onClientRequest(CLIENT, 1, put("k", "v", true));
        Failure refused = assertInstanceOf(Failure.class, replies.get(1L));
        assertEquals(ErrorKind.OVERLOADED, refused.kind());
        assertEquals(null, storage.get(Key.of("k")), "a refused write stores nothing");
        driver.onClientRequest(CLIENT, 2, put("k", "v", false));
        endOfBatch();
        assertInstanceOf(WriteResult.class, replies.get(2L));
        assertTrue(submitted.isEmpty());
    }
}
