package io.chorus.simulation.network;

import io.chorus.replication.state.Consistency;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Heartbeat;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.world.Trace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimNetworkTest {
    private static final List<NodeId> NODES = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));

    /** A tiny event loop that records what the network hands over. */
    private static final class FakeWorld implements SimNetwork.World {
        private record Event(long at, long seq, Runnable action) {
        }

        final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        final List<String> log = new ArrayList<>();
        final boolean[] up = {true, true, true};
        long now;
        long seq;

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void schedule(long atMicros, Runnable action) {
            queue.add(new Event(atMicros, seq++, action));
        }

        @Override
        public boolean isUp(int node) {
            return up[node];
        }

        @Override
        public void deliverPeer(int to, NodeId from, PeerMessage message) {
            log.add(now + " " + from + "->" + NODES.get(to) + " " + message.getClass().getSimpleName());
        }

        @Override
        public void deliverClientRequest(int node, int client, ClientFrame frame) {
            log.add(now + " c" + client + "->" + NODES.get(node) + " #" + frame.requestId());
        }

        @Override
        public void deliverClientReply(int client, ClientReply reply) {
            log.add(now + " reply c" + client + " #" + reply.requestId());
        }

        @Override
        public void refused(int client, long requestId, NodeId node) {
            log.add(now + " refused c" + client + " #" + requestId + " by " + node);
        }

        @Override
        public void peerUnreachable(int node, NodeId peer) {
            log.add(now + " " + NODES.get(node) + " lost " + peer);
        }

        @Override
        public void undecodable(String link, CodecException e) {
            log.add("undecodable " + link);
        }

        void runUntil(long micros) {
            while (!queue.isEmpty() && queue.peek().at <= micros) {
                Event e = queue.poll();
                now = e.at;
                e.action.run();
            }
            now = micros;
        }

        long count(String fragment) {
            return log.stream().filter(line -> line.contains(fragment)).count();
        }
    }

    private static SimNetwork network(FakeWorld world, double loss, double duplicate) {
        return new SimNetwork(NODES, 1, new LinkModel(1_000, 1_000, 100, 0, loss, duplicate, 0), new SplitMixRandom(7), new Codec(), Trace.OFF, world);
    }

    @Test
    void messagesCrossTheCodecAndArriveAfterTheLinkLatency() {
        FakeWorld world = new FakeWorld();
        SimNetwork network = network(world, 0, 0);
        network.outboxOf(0).send(NODES.get(1), new ReplicaRead(5, Key.of("k")));
        world.runUntil(1_000_000);
        assertEquals(1, world.log.size(), world.log.toString());
        long at = Long.parseLong(world.log.get(0).split(" ")[0]);
        assertTrue(at >= 1_000 && at < 10_000, world.log.toString());
        assertTrue(world.log.get(0).endsWith("n1->n2 ReplicaRead"), world.log.toString());
        assertEquals(1, network.stats().sent());
        assertEquals(1, network.stats().delivered());
    }

    private static void sendBetweenAll(SimNetwork network) {
        for (int from = 0; from < 3; from++) {
            for (int to = 0; to < 3; to++) {
                if (from != to) network.outboxOf(from).send(NODES.get(to), new Heartbeat());
            }
        }
    }

    @Test
    void aPartitionDropsMessagesInFlightAcrossItAndHealingRestoresEveryLink() {
        FakeWorld world = new FakeWorld();
        SimNetwork network = network(world, 0, 0);
        sendBetweenAll(network);
        network.partition(PartitionShape.ISOLATE_ONE); // the six messages are still in flight
        world.runUntil(1_000_000);
        assertEquals(2, world.log.size(), "only the two nodes left together still talk: " + world.log);
        sendBetweenAll(network);
        world.runUntil(2_000_000);
        assertEquals(4, world.log.size(), "messages sent across the cut are dropped too: " + world.log);
        network.healPartitions();
        world.log.clear();
        sendBetweenAll(network);
        world.runUntil(3_000_000);
        assertEquals(6, world.log.size(), world.log.toString());
    }

    @Test
    void aClogHoldsALinksMessagesUntilItClears() {
        FakeWorld world = new FakeWorld();
        SimNetwork network = network(world, 0, 0);
        network.clog(0, 1, 500_000);
        network.outboxOf(0).send(NODES.get(1), new Heartbeat());
        network.outboxOf(1).send(NODES.get(0), new Heartbeat());
        world.runUntil(400_000);
        assertEquals(List.of(), world.log.stream().filter(l -> l.contains("n1->n2")).toList());
        assertEquals(1, world.count("n2->n1"), "the other direction is not clogged");
        world.runUntil(1_000_000);
        assertEquals(1, world.count("n1->n2"));
    }

    @Test
    void duplicationDeliversPeerMessagesTwiceAndLossDropsThem() {
        FakeWorld world = new FakeWorld();
        SimNetwork duplicating = network(world, 0, 0.999);
        duplicating.outboxOf(0).send(NODES.get(1), new Heartbeat());
        world.runUntil(1_000_000);
        assertEquals(2, world.count("n1->n2"));
        assertEquals(1, duplicating.stats().duplicated());

        FakeWorld lossy = new FakeWorld();
        SimNetwork losing = network(lossy, 0.999, 0);
        losing.outboxOf(0).send(NODES.get(1), new Heartbeat());
        lossy.runUntil(1_000_000);
        assertEquals(0, lossy.log.size());
        assertEquals(1, losing.stats().dropped());
    }

    @Test
    void aDownNodeRefusesClientsAndItsPeersLearnItIsUnreachable() {
        FakeWorld world = new FakeWorld();
        SimNetwork network = network(world, 0, 0);
        world.up[2] = false;
        network.sendFromClient(0, 2, new ClientFrame(9, new Get(Key.of("k"), Consistency.ONE.code())));
        network.outboxOf(0).send(NODES.get(2), new Heartbeat());
        network.outboxOf(1).reply(new ClientRef(0), 4, new WriteResult(new byte[0], false));
        world.runUntil(1_000_000);
        assertEquals(1, world.count("refused c0 #9 by n3"), world.log.toString());
        assertEquals(1, world.count("n1 lost n3"), world.log.toString());
        assertEquals(1, world.count("reply c0 #4"), world.log.toString());
    }
}
