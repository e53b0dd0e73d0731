package io.chorus.node.pipeline;

import io.chorus.node.support.CapturedStderr;
import io.chorus.replication.topology.Member;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One line per change of the core's verdict on a peer, none while it stays the same. */
class PeerLivenessLogTest {
    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N3 = NodeId.of("n3");

    @Test
    void logsEachTransitionOnceAfterATick() {
        Set<NodeId> down = new HashSet<>();
        PeerLivenessLog liveness = new PeerLivenessLog(N1, List.of(new Member(N1, "h:1"), new Member(N2, "h:2"), new Member(N3, "h:3")),
                peer -> !down.contains(peer));
        int[] ticks = {0};
        StateMachine machine = liveness.around(new CountingTicks(ticks));
        try (CapturedStderr stderr = new CapturedStderr()) {
            machine.onTick();
            assertEquals(0, stderr.linesWith("peer n").size(), "peers start alive: nothing to say");
            down.add(N2);
            machine.onTick();
            machine.onTick();
            List<String> downLines = stderr.linesWith("peer n2 judged down");
            assertEquals(1, downLines.size(), "one line per transition, not per tick");
            assertTrue(downLines.get(0).contains(" WARN io.chorus.node.pipeline.PeerLivenessLog - node n1: peer n2 judged down"), downLines.get(0));
            assertEquals(0, stderr.linesWith("peer n3").size());
            down.remove(N2);
            machine.onTick();
            assertEquals(1, stderr.linesWith("node n1: peer n2 is up again").size());
            assertEquals(4, ticks[0], "every tick still reaches the machine");
        }
    }

    private record CountingTicks(int[] ticks) implements StateMachine {
        @Override
        public void onClientRequest(io.chorus.replication.env.ClientRef client, long requestId,
                                    io.chorus.replication.message.ClientRequest request) {
        }

        @Override
        public void onMessage(NodeId from, io.chorus.replication.message.PeerMessage message) {
        }

        @Override
        public void onTick() {
            ticks[0]++;
        }

        @Override
        public void onPeerUnreachable(NodeId peer) {
        }
    }
}
