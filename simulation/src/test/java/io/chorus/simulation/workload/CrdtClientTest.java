package io.chorus.simulation.workload;

import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRDT client retries as the real one does, and records one operation per update. */
class CrdtClientTest {
    private static final long TIMEOUT_MICROS = 1_000_000;

    /** A world with no network: the test answers each request by hand. */
    private static final class FakeWorld implements SimClient.World {
        private record Event(long at, long sequence, Runnable action) {
        }

        final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.sequence, b.sequence));
        final History history = new History();
        final List<ClientFrame> sent = new ArrayList<>();
        long now;
        long sequence;
        boolean issuing = true;

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void schedule(long atMicros, Runnable action) {
            queue.add(new Event(atMicros, sequence++, action));
        }

        @Override
        public void send(int client, int node, ClientFrame frame) {
            sent.add(frame);
        }

        @Override
        public boolean issuing() {
            return issuing;
        }

        @Override
        public History history() {
            return history;
        }

        @Override
        public List<NodeId> nodes() {
            return List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));
        }

        /** Runs events until {@code count} requests were sent in all. */
        void runUntilSent(int count) {
            while (sent.size() < count && !queue.isEmpty()) step();
            assertEquals(count, sent.size(), "requests sent");
        }

        void step() {
            Event e = queue.poll();
            now = e.at;
            e.action.run();
        }
    }

    private final FakeWorld world = new FakeWorld();

    private CrdtClient client(boolean newIdPerAttempt) {
        // counter increments only, 3 attempts, backoff 50..200 ms
        CrdtMix mix = new CrdtMix(1, 1, 1, 1, 1, 0, 0, 0, 0, new LevelMix(0, 0, 1, 0), new LevelMix(0, 0, 1, 0),
                100_000, TIMEOUT_MICROS, 3, 50_000, 200_000, newIdPerAttempt);
        CrdtClient client = new CrdtClient(0, new SplitMixRandom(1), mix, world, false);
        client.start();
        return client;
    }

    private CrdtUpdate update(int i) {
        return assertInstanceOf(CrdtUpdate.class, world.sent.get(i).request());
    }

    private void answer(CrdtClient client, int i, Object response) {
        client.onReply(new ClientReply(world.sent.get(i).requestId(), (io.chorus.replication.message.ClientResponse) response));
    }

    @Test
    void retriesATimedOutUpdateUnderTheSameOperationIdWithTheNextAttemptNumber() {
        CrdtClient client = client(false);
        world.runUntilSent(1);
        answer(client, 0, new Failure(ErrorKind.TIMEOUT, "(need 2, acked 1): test"));
        world.runUntilSent(2);
        assertEquals(update(0).operationId(), update(1).operationId());
        assertEquals(1, update(0).attempt());
        assertEquals(2, update(1).attempt());
        assertEquals(update(0).operation(), update(1).operation());
        world.runUntilSent(3); // attempt 2 unanswered: the client gives up on it after its timeout, and retries
        assertEquals(3, update(2).attempt());
        answer(client, 2, new WriteResult(new byte[0], false));
        Op op = world.history.ops().get(0);
        assertEquals(Outcome.OK, op.outcome());
        assertEquals(3, op.completion().attempts());
    }

    @Test
    void anUpdateWhoseEveryAttemptFailedIsIndeterminateIfOneMayHaveApplied() {
        CrdtClient client = client(false);
        world.runUntilSent(1);
        answer(client, 0, new Failure(ErrorKind.TIMEOUT, "(need 2, acked 1): test"));
        world.runUntilSent(2);
        answer(client, 1, new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2): retried operation cannot be settled"));
        world.runUntilSent(3);
        answer(client, 2, new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2): retried operation cannot be settled"));
        Op op = world.history.ops().get(0);
        assertEquals(Outcome.INDETERMINATE, op.outcome(), op.describe());
        assertEquals(3, op.completion().attempts());
        assertTrue(op.completion().error().contains("an earlier attempt may have been applied"), op.describe());
    }

    /** As the real client fails over a write with an operation id: Unavailable applied nothing, so the next send is attempt 1 again. */
    @Test
    void aFirstAttemptRefusedAsUnavailableMovesOnAsAFirstAttempt() {
        CrdtClient client = client(false);
        world.runUntilSent(1);
        answer(client, 0, new Failure(ErrorKind.UNAVAILABLE, "(need 2, alive 1): test"));
        world.runUntilSent(2);
        assertEquals(update(0).operationId(), update(1).operationId());
        assertEquals(1, update(1).attempt(), "nothing may have been applied: no settling needed");
        answer(client, 1, new Failure(ErrorKind.OVERLOADED, "test"));
        world.runUntilSent(3);
        assertEquals(1, update(2).attempt());
        answer(client, 2, new Failure(ErrorKind.UNAVAILABLE, "(need 2, alive 1): test"));
        Op op = world.history.ops().get(0);
        assertEquals(Outcome.FAIL, op.outcome(), "every send refused unapplied: " + op.describe());
        assertEquals(3, op.completion().attempts());
    }

    @Test
    void aRefusedConnectionIsRetriedAndAppliedNothing() {
        CrdtClient client = client(false);
        world.runUntilSent(1);
        client.onRefused(world.sent.get(0).requestId(), NodeId.of("n2"));
        world.runUntilSent(2);
        assertEquals(1, update(1).attempt(), "a refused connection sent nothing");
        answer(client, 1, new Failure(ErrorKind.INVALID_REQUEST, "test")); // not retried
        assertEquals(Outcome.FAIL, world.history.ops().get(0).outcome(), world.history.ops().get(0).describe());
    }

    @Test
    void onceASendMayHaveAppliedEveryLaterSendIsARetryEvenAfterARefusal() {
        CrdtClient client = client(false);
        world.runUntilSent(1);
        answer(client, 0, new Failure(ErrorKind.OVERLOADED, "test"));
        world.runUntilSent(2);
        assertEquals(1, update(1).attempt());
        answer(client, 1, new Failure(ErrorKind.TIMEOUT, "(need 2, acked 1): test"));
        world.runUntilSent(3);
        assertEquals(3, update(2).attempt(), "the third send, after one that may have applied");
    }

    @Test
    void noRetryStartsOnceTheWorkloadStopped() {
        CrdtClient client = client(false);
        world.runUntilSent(1);
        answer(client, 0, new Failure(ErrorKind.TIMEOUT, "test"));
        world.issuing = false;
        while (!world.queue.isEmpty()) world.step();
        assertEquals(1, world.sent.size());
        assertEquals(Outcome.INDETERMINATE, world.history.ops().get(0).outcome());
        assertTrue(client.idle());
    }

    @Test
    void theTestOnlySwitchRetriesUnderANewOperationId() {
        CrdtClient client = client(true);
        world.runUntilSent(1);
        answer(client, 0, new Failure(ErrorKind.TIMEOUT, "test"));
        world.runUntilSent(2);
        assertNotEquals(update(0).operationId(), update(1).operationId());
    }

    @Test
    void operationIdsGrowWithVirtualTime() {
        CrdtClient client = client(false);
        long last = -1;
        for (int i = 0; i < 5; i++) {
            world.runUntilSent(i + 1);
            assertTrue(update(i).operationId() > last, "ids must grow: " + update(i).operationId() + " after " + last);
            last = update(i).operationId();
            assertEquals(world.now / 1000, last >>> 20, "the id's high bits are the virtual milliseconds");
            answer(client, i, new WriteResult(new byte[0], false));
        }
    }
}
