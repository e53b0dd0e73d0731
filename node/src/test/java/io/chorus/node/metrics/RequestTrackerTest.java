package io.chorus.node.metrics;

import io.chorus.replication.state.Consistency;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestTrackerTest {
    @Test
    void timesEachRequestByOperationAndLevelAndCountsErrorsByKind() {
        try (NodeMetrics metrics = new NodeMetrics("n1")) {
            RequestTracker tracker = metrics.newTracker();
            ClientRef client = new ClientRef(5);
            long start = System.nanoTime();
            tracker.onClientRequest(client, 1, new Get(Key.of("k"), Consistency.QUORUM.code()), start);
            tracker.onClientRequest(client, 2, new Get(Key.of("k"), (byte) 9), start);
            tracker.onClientRequest(client, 3, new Delete(Key.of("k"), null, Consistency.ALL.code(), false), start);
            assertEquals(3, tracker.pendingCount());
            tracker.onReply(client, 1, new GetResult(new byte[0][], new byte[0]));
            tracker.onReply(client, 2, new Failure(ErrorKind.INVALID_REQUEST, "unknown consistency code 9"));
            tracker.onReply(client, 3, new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2)"));
            tracker.onReply(client, 99, new Failure(ErrorKind.OVERLOADED, "never asked")); // ignored
            assertEquals(0, tracker.pendingCount());

            var registry = metrics.registry();
            assertEquals(1, registry.get("chorus.request.latency").tags("op", "get", "consistency", "QUORUM").timer().count());
            assertEquals(1, registry.get("chorus.request.latency").tags("op", "get", "consistency", "invalid").timer().count(),
                    "an unknown code never becomes a tag value");
            assertEquals(1, registry.get("chorus.request.errors").tags("op", "delete", "consistency", "ALL", "kind", "Unavailable").counter().count());
            assertEquals(1, registry.get("chorus.request.errors").tags("op", "get", "consistency", "invalid", "kind", "InvalidRequest").counter().count());
            assertEquals(0, registry.get("chorus.request.errors").tags("op", "get", "consistency", "QUORUM", "kind", "Timeout").counter().count(),
                    "the failures the availability SLI counts exist at 0 from an operation's first request on");
        }
    }

    @Test
    void followsAtMostTrackedMaxRequests() {
        try (NodeMetrics metrics = new NodeMetrics("n1")) {
            RequestTracker tracker = metrics.newTracker();
            for (int i = 0; i < RequestTracker.TRACKED_MAX + 10; i++) tracker.onClientRequest(new ClientRef(1), i, new Get(Key.of("k"), Consistency.ONE.code()), 0);
            assertEquals(RequestTracker.TRACKED_MAX, tracker.pendingCount());
            assertEquals(10, tracker.untracked());
        }
    }
}
