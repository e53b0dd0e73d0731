package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.chorus.replication.replica.ReplicaTest.KEY;
import static io.chorus.replication.replica.ReplicaTest.put;
import static io.chorus.replication.replica.ReplicaTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Read repair: the replicas a read waited for get the merge before the client is answered (the
 * answer waits for their acknowledgements); the others get it afterwards, in the background.
 */
class ReadRepairTest {
    final TestCluster cluster = new TestCluster(3);
    final List<NodeId> replicas = cluster.topology.replicasOf(KEY); // a QUORUM read at replicas[0] asks [0] and [1] first

    /** {@code stale} misses a QUORUM write (it is down), then is back, with no anti-entropy round yet. */
    private void missWrite(NodeId stale) {
        NodeId coordinator = replicas.get(0).equals(stale) ? replicas.get(1) : replicas.get(0);
        cluster.call(coordinator, put("old", null, "ALL"));
        cluster.stop(stale);
        cluster.call(coordinator, put("new", null, "QUORUM"));
        cluster.start(stale, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(cluster.config.heartbeatIntervalTicks() + 1);
        assertNotEquals(cluster.storages.get(coordinator).get(KEY), cluster.storages.get(stale).get(KEY));
    }

    @Test
    void aQuorumReadAnswersOnlyOnceTheReplicaItWaitedForStoredTheMerge() {
        NodeId stale = replicas.get(1);
        missWrite(stale);
        cluster.dropRule = (to, m) -> m instanceof ReplicaWriteAck;

        long request = cluster.request(replicas.get(0), new Get(KEY, Consistency.QUORUM.code()));
        cluster.deliverAll();
        assertNull(cluster.replies.get(request), "no answer before the stale replica acknowledged its repair");
        assertEquals(cluster.storages.get(replicas.get(0)).get(KEY), cluster.storages.get(stale).get(KEY), "the repair was sent");

        cluster.tick(cluster.config.requestTimeoutTicks() + 1);
        ClientResponse timedOut = cluster.replies.get(request);
        assertInstanceOf(Failure.class, timedOut);
        assertEquals(true, ((Failure) timedOut).message().contains("read repair"), ((Failure) timedOut).message());
    }

    @Test
    void theAnswerComesOnceTheRepairIsAcknowledged() {
        NodeId stale = replicas.get(1);
        missWrite(stale);
        assertEquals(2, values(cluster.call(replicas.get(0), new Get(KEY, Consistency.QUORUM.code()))).size());
        assertEquals(cluster.storages.get(replicas.get(0)).get(KEY), cluster.storages.get(stale).get(KEY));
        assertEquals(1, cluster.observers.get(replicas.get(0)).readRepairs);
    }

    @Test
    void aReplicaTheReadDidNotWaitForIsRepairedInTheBackground() {
        NodeId stale = replicas.get(2);
        missWrite(stale);
        ClientResponse answer = cluster.call(replicas.get(0), new Get(KEY, Consistency.QUORUM.code()));
        assertEquals(List.of("new"), values(answer).stream().filter("new"::equals).toList());
        assertEquals(cluster.storages.get(replicas.get(0)).get(KEY), cluster.storages.get(stale).get(KEY),
                "the replica not asked before the answer was asked after it, and repaired");
        assertEquals(1, cluster.observers.get(replicas.get(0)).readRepairs);
        assertEquals(1, cluster.observers.get(replicas.get(0)).readRepairEvents);
    }
}
