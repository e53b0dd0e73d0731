package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.QuorumOptions;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.chorus.replication.replica.HintedHandoffTest.KEY;
import static io.chorus.replication.replica.HintedHandoffTest.bytes;
import static io.chorus.replication.replica.HintedHandoffTest.fallbackFor;
import static io.chorus.replication.replica.HintedHandoffTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call's own quorum rules on four nodes with N = 3: sloppy quorum (fallbacks' hint acks count
 * toward W), primaries required (Riak's pr/pw), and local reads (the coordinator's own replica alone).
 */
class QuorumOptionsTest {
    static final ReplicaConfig CONFIG = HintedHandoffTest.CONFIG;
    static final QuorumOptions SLOPPY = new QuorumOptions(0, true, false);
    static final QuorumOptions LOCAL = new QuorumOptions(0, false, true);

    final TestCluster cluster = new TestCluster(4, CONFIG, EnumSet.noneOf(InjectedBug.class));
    final List<NodeId> primaries = cluster.topology.replicasOf(KEY);
    final NodeId down = primaries.get(2);
    final NodeId fallback = fallbackFor(cluster, down);

    static Put put(String value, Consistency level, QuorumOptions quorum) {
        return new Put(KEY, bytes(value), null, level.code(), false, 0, 1, null, quorum);
    }

    static Get get(Consistency level, QuorumOptions quorum) {
        return new Get(KEY, level.code(), null, quorum);
    }

    static Failure failure(ClientResponse response, ErrorKind kind) {
        Failure failure = assertInstanceOf(Failure.class, response);
        assertEquals(kind, failure.kind(), failure.message());
        return failure;
    }

    @Test
    void aSloppyWriteAtAllCountsTheFallbackThatKeptTheHint() {
        cluster.stop(down);
        Failure strict = failure(cluster.call(primaries.get(0), put("v1", Consistency.ALL, null)), ErrorKind.UNAVAILABLE);
        assertTrue(strict.message().contains(down.toString()), strict.message());

        WriteResult sloppy = assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("v2", Consistency.ALL, SLOPPY)));
        assertTrue(List.of(sloppy.ackedBy()).contains(fallback.name()), "the fallback's ack counted: " + List.of(sloppy.ackedBy()));
        assertEquals(1, cluster.replicas.get(fallback).hintsPending(), "the fallback holds it for " + down);

        cluster.start(down, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(CONFIG.heartbeatIntervalTicks() + 2);
        assertEquals(List.of("v2"), values(cluster, down), "the hint that counted toward W is handed over");
    }

    @Test
    void aStrictWriteNeverCountsTheFallback() {
        cluster.stop(down);
        cluster.dropRule = (to, m) -> to.equals(primaries.get(1)) && m instanceof ReplicaWrite; // one live primary silent
        ClientResponse strict = cluster.call(primaries.get(0), put("v1", Consistency.QUORUM, null));
        assertEquals(null, strict, "minter + fallback make two acks, but only one is a primary's");
        assertEquals(1, cluster.replicas.get(fallback).hintsPending(), "the hint is still written");
        cluster.tick(CONFIG.requestTimeoutTicks() + 1);
        failure(cluster.replies.values().iterator().next(), ErrorKind.TIMEOUT);

        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("v2", Consistency.QUORUM, SLOPPY)),
                "the same write, sloppy, is acknowledged by the minter and the fallback");
    }

    @Test
    void aSloppyWriteStillNeedsALivePrimaryAndEnoughFallbacks() {
        cluster.stop(primaries.get(0));
        cluster.stop(primaries.get(1));
        cluster.stop(down);
        Failure failure = failure(cluster.call(fallback, put("v1", Consistency.ONE, SLOPPY)), ErrorKind.UNAVAILABLE);
        assertTrue(failure.message().contains("needs one live primary"), failure.message());
    }

    @Test
    void primariesRequiredRefuseAtOnceNamingTheDownPrimary() {
        cluster.stop(down);
        QuorumOptions allPrimaries = new QuorumOptions(3, true, false);
        Failure write = failure(cluster.call(primaries.get(0), put("v1", Consistency.ONE, allPrimaries)), ErrorKind.UNAVAILABLE);
        assertTrue(write.message().contains("3 primaries") && write.message().contains(down.toString()), write.message());
        Failure read = failure(cluster.call(primaries.get(0), get(Consistency.ONE, new QuorumOptions(3, false, false))),
                ErrorKind.UNAVAILABLE);
        assertTrue(read.message().contains("down: [" + down + "]"), read.message());
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("v2", Consistency.ONE, new QuorumOptions(2, true, false))));
    }

    @Test
    void aSloppyWriteWithPrimariesRequiredWaitsForThemNotForTheFallback() {
        cluster.stop(down);
        cluster.dropRule = (to, m) -> to.equals(primaries.get(1)) && m instanceof ReplicaWrite;
        long request = cluster.request(primaries.get(0), put("v1", Consistency.QUORUM, new QuorumOptions(2, true, false)));
        cluster.deliverAll();
        assertEquals(null, cluster.replies.get(request), "W is met (minter + fallback) but only one primary acked of the two required");
        cluster.tick(CONFIG.requestTimeoutTicks() + 1);
        Failure timeout = failure(cluster.replies.get(request), ErrorKind.TIMEOUT);
        assertTrue(timeout.message().contains("primaries needed 2, acked 1"), timeout.message());
    }

    @Test
    void aReadRequiringEveryPrimaryWaitsForAllThreeAnswers() {
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("v1", Consistency.ALL, null)));
        GetResult read = assertInstanceOf(GetResult.class, cluster.call(primaries.get(0), get(Consistency.ONE, new QuorumOptions(3, false, false))));
        assertEquals(3, read.answeredBy().length, "pr=3 raises R to 3: " + List.of(read.answeredBy()));
    }

    @Test
    void aLocalReadShowsTheCoordinatorsOwnReplicaAndRepairsNothing() {
        cluster.stop(down);
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("v1", Consistency.QUORUM, null)));
        cluster.start(down, EnumSet.noneOf(InjectedBug.class));
        // no tick yet: the fallback has not handed its hint over
        for (int i = 0; i < 2; i++) {
            GetResult local = assertInstanceOf(GetResult.class, cluster.call(down, get(Consistency.ONE, LOCAL)));
            assertEquals(0, local.values().length, "the restarted replica missed v1, and its local read says so (read " + i + ")");
            assertEquals(List.of(down.name()), List.of(local.answeredBy()));
        }
        GetResult routed = assertInstanceOf(GetResult.class, cluster.call(down, get(Consistency.ONE, null)));
        assertEquals(0, routed.values().length, "a plain ONE read answers from the coordinator's copy too");
        assertEquals(List.of("v1"), values(cluster, down), "but it asks the other replicas afterwards, and repairs this one");
    }

    @Test
    void aLocalReadIsRefusedWhereItCannotMeanOneReplica() {
        NodeId notAReplica = fallback;
        Failure elsewhere = failure(cluster.call(notAReplica, get(Consistency.ONE, LOCAL)), ErrorKind.INVALID_REQUEST);
        assertTrue(elsewhere.message().contains("is not"), elsewhere.message());
        failure(cluster.call(primaries.get(0), get(Consistency.QUORUM, LOCAL)), ErrorKind.INVALID_REQUEST);
        failure(cluster.call(primaries.get(0), new Get(KEY, Consistency.ONE.code(), new byte[0], LOCAL)), ErrorKind.INVALID_REQUEST);
        failure(cluster.call(primaries.get(0), put("v", Consistency.ONE, LOCAL)), ErrorKind.INVALID_REQUEST);
        failure(cluster.call(primaries.get(0), get(Consistency.ONE, SLOPPY)), ErrorKind.INVALID_REQUEST);
        failure(cluster.call(primaries.get(0), get(Consistency.ONE, new QuorumOptions(4, false, false))), ErrorKind.INVALID_REQUEST);
        failure(cluster.call(primaries.get(0), get(Consistency.ONE, new QuorumOptions(-1, false, false))), ErrorKind.INVALID_REQUEST);
    }

    @Test
    void withReadRepairAskAllOffAReadAsksOnlyTheReplicasItNeeds() {
        TestCluster cluster = new TestCluster(3, CONFIG.withReadRepairAskAll(false), EnumSet.noneOf(InjectedBug.class));
        List<NodeId> replicas = cluster.topology.replicasOf(KEY);
        NodeId stale = replicas.get(2);
        cluster.stop(stale);
        assertInstanceOf(WriteResult.class, cluster.call(replicas.get(0), put("v1", Consistency.QUORUM, null)));
        cluster.start(stale, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(CONFIG.heartbeatIntervalTicks() + 2);
        long before = cluster.delivered;
        assertInstanceOf(GetResult.class, cluster.call(replicas.get(0), get(Consistency.ONE, null)));
        assertEquals(0, cluster.delivered - before, "the coordinator's own replica answered; nothing crossed the network");
        assertEquals(List.of(), values(cluster, stale), "the stale replica was not asked, so not repaired");
    }
}
