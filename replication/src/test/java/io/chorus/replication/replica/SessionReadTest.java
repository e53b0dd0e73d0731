package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.chorus.replication.replica.ReplicaTest.KEY;
import static io.chorus.replication.replica.ReplicaTest.bytes;
import static io.chorus.replication.replica.ReplicaTest.failure;
import static io.chorus.replication.replica.ReplicaTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads that carry a session token: read-your-writes and monotonic reads at ONE through any coordinator, or SessionUnsatisfied. */
class SessionReadTest {
    private static final byte[] NEW_SESSION = new byte[0];
    private static final byte ONE = Consistency.ONE.code();

    private static Put put(String value, byte[] session) {
        return new Put(KEY, bytes(value), null, ONE, false, 0, 1, session);
    }

    private static Get get(byte[] session) {
        return new Get(KEY, ONE, session);
    }

    /** A write at ONE via n1 that n2 and n3 missed (their copies lost). */
    private static byte[] writeOnlyTo(TestCluster three, NodeId coordinator, String value, byte[] session) {
        three.dropRule = (to, m) -> m instanceof ReplicaWrite;
        WriteResult w = assertInstanceOf(WriteResult.class, three.call(coordinator, put(value, session)));
        three.dropRule = (to, m) -> false;
        assertEquals(session == null, w.session() == null, "a request with a token, and only one, gets the updated token back");
        return w.session();
    }

    @Test
    void aSessionReadsItsWriteAtOneThroughACoordinatorWhoseReplicaMissedIt() {
        TestCluster three = new TestCluster(3);
        byte[] token = writeOnlyTo(three, three.node(1), "v1", NEW_SESSION);
        assertEquals(List.of(), values(three.call(three.node(3), get(null))), "without the token, ONE at n3 is stale: n3 missed it");
        GetResult read = assertInstanceOf(GetResult.class, three.call(three.node(3), get(token)));
        assertEquals(List.of("v1"), values(read));
        assertNotNull(read.session());
    }

    @Test
    void readsAreMonotonicThroughEveryCoordinator() {
        TestCluster three = new TestCluster(3);
        writeOnlyTo(three, three.node(1), "v1", null); // someone else's write, only on n1
        byte[] token = assertInstanceOf(GetResult.class, three.call(three.node(1), get(NEW_SESSION))).session();
        for (int i = 2; i <= 3; i++) {
            assertEquals(List.of("v1"), values(three.call(three.node(i), get(token))), "read via n" + i + " went back in time");
        }
    }

    @Test
    void anIgnoredTokenIsCaughtByTheseTests() {
        TestCluster broken = new TestCluster(3, ReplicaConfig.DEFAULTS, EnumSet.of(InjectedBug.IGNORE_SESSION_TOKEN));
        byte[] token = writeOnlyTo(broken, broken.node(1), "v1", NEW_SESSION);
        assertEquals(List.of(), values(broken.call(broken.node(3), get(token))), "the injected bug serves stale data");
    }

    @Test
    void aNodeThatRestartedUncleanlyCannotProveTheTokenSoTheReadFailsInsteadOfGoingStale() {
        TestCluster three = new TestCluster(3);
        byte[] token = writeOnlyTo(three, three.node(1), "v1", NEW_SESSION);
        three.stop(three.node(1));
        three.start(three.node(1), 1, Set.of()); // a new actor epoch: it may have lost writes
        three.tick(three.config.heartbeatIntervalTicks() + 1);
        var f = failure(three.call(three.node(3), get(token)));
        assertEquals(ErrorKind.SESSION_UNSATISFIED, f.kind());
        assertTrue(f.message().contains("epoch 1") && f.message().contains("epoch 0"), f.message());
    }

    @Test
    void aRequiredReplicaThatIsDownMeansSessionUnsatisfiedAtTheDeadline() {
        TestCluster three = new TestCluster(3);
        byte[] token = writeOnlyTo(three, three.node(1), "v1", NEW_SESSION);
        three.stop(three.node(1));
        long id = three.request(three.node(3), get(token));
        three.deliverAll();
        assertNull(three.replies.get(id), "waits for n1 up to the timeout");
        three.tick(three.config.requestTimeoutTicks());
        var f = failure(three.replies.get(id));
        assertEquals(ErrorKind.SESSION_UNSATISFIED, f.kind());
        assertTrue(f.message().contains("n1"), f.message());
    }

    @Test
    void aTokenOfAnotherClusterShapeIsAnInvalidRequest() {
        TestCluster three = new TestCluster(3);
        byte[] foreign = SessionToken.empty(7).with(NodeId.of("n1"), 0, 3).encode();
        assertEquals(ErrorKind.INVALID_REQUEST, failure(three.call(three.node(1), get(foreign))).kind());
        assertEquals(ErrorKind.INVALID_REQUEST, failure(three.call(three.node(1), get(new byte[]{1, 2, 3}))).kind());
    }
}
