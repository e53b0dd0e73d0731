package io.chorus.simulation.network;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.world.Draw;
import io.chorus.simulation.world.Trace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Every node's {@link Outbox} and every client's connection. A message is encoded by the real codec
 * when sent and decoded again when delivered; in between it suffers the link's latency (drawn per
 * message, so messages reorder), loss, duplication, clogging (held until the clog clears) and
 * partitions (checked when sent and again when delivered). Endpoints are numbered: nodes
 * 0..nodes-1, then clients. Never calls into a replica from inside {@code send}: every delivery is
 * a scheduled event.
 */
public final class SimNetwork {
    /** Gap between two "connection refused" notices on the same link, so a down peer does not flood the queue. */
    private static final long UNREACHABLE_NOTICE_GAP_MICROS = 100_000;

    /** What the network needs from the world: time, scheduling and the receiving ends. */
    public interface World {
        long nowMicros();

        void schedule(long atMicros, Runnable action);

        boolean isUp(int node);

        void deliverPeer(int to, NodeId from, PeerMessage message);

        void deliverClientRequest(int node, int client, ClientFrame frame);

        void deliverClientReply(int client, ClientReply reply);

        /** The client's request reached a node that is down: its connection was refused. */
        void refused(int client, long requestId, NodeId node);

        void peerUnreachable(int node, NodeId peer);

        /** Bytes the codec produced could not be decoded again: a codec bug, which ends the run as a failure. */
        void undecodable(String link, CodecException e);
    }

    private final List<NodeId> nodes;
    private final Map<NodeId, Integer> indexOf = new HashMap<>(); // looked up only
    private final long[][] baseLatencyMicros;
    private final boolean[][] cut;
    private final long[][] clogUntilMicros;
    private final long[][] lastNoticeMicros;
    private final LinkModel model;
    private final RandomSource random;
    private final Codec codec;
    private final Trace trace;
    private final World world;
    private final NetworkStats stats = new NetworkStats();
    private double lossRate;
    private double duplicateRate;

    public SimNetwork(List<NodeId> nodes, int clients, LinkModel model, RandomSource random, Codec codec, Trace trace, World world) {
        this.nodes = List.copyOf(nodes);
        for (int i = 0; i < nodes.size(); i++) indexOf.put(nodes.get(i), i);
        int endpoints = nodes.size() + clients;
        this.baseLatencyMicros = new long[endpoints][endpoints];
        for (int a = 0; a < endpoints; a++) {
            for (int b = 0; b < endpoints; b++) {
                baseLatencyMicros[a][b] = model.latencyMinMicros()
                        + (long) Draw.between(random, 0, model.latencyMaxMicros() - model.latencyMinMicros() + 1);
            }
        }
        this.cut = new boolean[nodes.size()][nodes.size()];
        this.clogUntilMicros = new long[nodes.size()][nodes.size()];
        this.lastNoticeMicros = new long[nodes.size()][nodes.size()];
        for (long[] row : lastNoticeMicros) java.util.Arrays.fill(row, Long.MIN_VALUE / 2);
        this.model = model;
        this.lossRate = model.lossRate();
        this.duplicateRate = model.duplicateRate();
        this.random = random;
        this.codec = codec;
        this.trace = trace;
        this.world = world;
    }

    /** The outbox node {@code node} is built with. */
    public Outbox outboxOf(int node) {
        return new Outbox() {
            @Override
            public void send(NodeId to, PeerMessage message) {
                sendPeer(node, to, message);
            }

            @Override
            public void reply(ClientRef client, long requestId, ClientResponse response) {
                replyToClient(node, (int) client.id(), new ClientReply(requestId, response));
            }
        };
    }

    private void sendPeer(int from, NodeId toId, PeerMessage message) {
        Integer to = indexOf.get(toId);
        if (to == null) throw new IllegalArgumentException(nodes.get(from) + " sent " + describe(message) + " to unknown node " + toId);
        byte[] bytes = codec.encode(message);
        stats.sent++;
        String fate = cut[from][to] ? "cut" : random.chance(lossRate) ? "lost" : null;
        if (fate != null) {
            stats.dropped++;
            if (trace.on()) trace.line(world.nowMicros(), "send " + nodes.get(from) + "->" + toId + " " + describe(message, bytes) + " " + fate);
            return;
        }
        int copies = random.chance(duplicateRate) ? 2 : 1;
        for (int copy = 0; copy < copies; copy++) {
            long at = Math.max(world.nowMicros(), clogUntilMicros[from][to]) + latency(from, to);
            if (copy > 0 && model.lateDuplicateMaxMicros() > 0) at += (long) Draw.between(random, 0, model.lateDuplicateMaxMicros());
            if (trace.on()) trace.line(world.nowMicros(), "send " + nodes.get(from) + "->" + toId + " " + describe(message, bytes) + " at " + at + (copy > 0 ? " dup" : ""));
            world.schedule(at, () -> deliverPeer(from, to, bytes));
        }
        if (copies > 1) stats.duplicated++;
    }

    private void deliverPeer(int from, int to, byte[] bytes) {
        if (!world.isUp(to) || cut[from][to]) {
            stats.dropped++;
            if (trace.on()) trace.line(world.nowMicros(), "drop " + nodes.get(from) + "->" + nodes.get(to) + (world.isUp(to) ? " cut" : " down"));
            if (!world.isUp(to)) noticeUnreachable(from, to);
            return;
        }
        stats.delivered++;
        PeerMessage message = (PeerMessage) decode(bytes, nodes.get(from) + "->" + nodes.get(to));
        if (message == null) return;
        if (trace.on()) trace.line(world.nowMicros(), "recv " + nodes.get(from) + "->" + nodes.get(to) + " " + describe(message));
        world.deliverPeer(to, nodes.get(from), message);
    }

    /** The sender learns, one round trip later, that its peer refused the connection. */
    private void noticeUnreachable(int from, int to) {
        long now = world.nowMicros();
        if (now - lastNoticeMicros[from][to] < UNREACHABLE_NOTICE_GAP_MICROS || !world.isUp(from)) return;
        lastNoticeMicros[from][to] = now;
        world.schedule(now + latency(to, from), () -> {
            if (world.isUp(from) && !world.isUp(to)) world.peerUnreachable(from, nodes.get(to));
        });
    }

    /** Tells every running node, one link latency later, that {@code node}'s connections were reset. */
    public void nodeCrashed(int node) {
        for (int other = 0; other < nodes.size(); other++) {
            if (other != node && world.isUp(other)) noticeUnreachable(other, node);
        }
    }

    public void sendFromClient(int client, int node, ClientFrame frame) {
        byte[] bytes = codec.encode(frame);
        stats.sent++;
        int endpoint = nodes.size() + client;
        if (random.chance(lossRate)) {
            stats.dropped++;
            if (trace.on()) trace.line(world.nowMicros(), "send c" + client + "->" + nodes.get(node) + " " + describe(frame, bytes) + " lost");
            return;
        }
        long at = world.nowMicros() + latency(endpoint, node);
        if (trace.on()) trace.line(world.nowMicros(), "send c" + client + "->" + nodes.get(node) + " " + describe(frame, bytes) + " at " + at);
        world.schedule(at, () -> {
            if (!world.isUp(node)) {
                stats.dropped++;
                long back = world.nowMicros() + latency(node, endpoint);
                world.schedule(back, () -> world.refused(client, frame.requestId(), nodes.get(node)));
                return;
            }
            stats.delivered++;
            ClientFrame decoded = (ClientFrame) decode(bytes, "c" + client + "->" + nodes.get(node));
            if (decoded == null) return;
            if (trace.on()) trace.line(world.nowMicros(), "recv c" + client + "->" + nodes.get(node) + " " + describe(decoded));
            world.deliverClientRequest(node, client, decoded);
        });
    }

    private void replyToClient(int node, int client, ClientReply reply) {
        byte[] bytes = codec.encode(reply);
        stats.sent++;
        int endpoint = nodes.size() + client;
        if (random.chance(lossRate)) {
            stats.dropped++;
            if (trace.on()) trace.line(world.nowMicros(), "send " + nodes.get(node) + "->c" + client + " " + describe(reply, bytes) + " lost");
            return;
        }
        long at = world.nowMicros() + latency(node, endpoint);
        if (trace.on()) trace.line(world.nowMicros(), "send " + nodes.get(node) + "->c" + client + " " + describe(reply, bytes) + " at " + at);
        world.schedule(at, () -> {
            stats.delivered++;
            ClientReply decoded = (ClientReply) decode(bytes, nodes.get(node) + "->c" + client);
            if (decoded == null) return;
            if (trace.on()) trace.line(world.nowMicros(), "recv " + nodes.get(node) + "->c" + client + " " + describe(decoded));
            world.deliverClientReply(client, decoded);
        });
    }

    /** The message, or null (reported to the world) when the codec cannot read its own output. */
    private Message decode(byte[] bytes, String link) {
        try {
            return codec.decode(bytes);
        } catch (CodecException e) {
            world.undecodable(link, e);
            return null;
        }
    }

    private long latency(int from, int to) {
        long micros = baseLatencyMicros[from][to] + Draw.exponential(random, model.jitterMeanMicros());
        return random.chance(model.tailRate()) ? micros * 10 : micros;
    }

    /** Cuts links in the given shape (on top of any current cut); returns its description. */
    public String partition(PartitionShape shape) {
        return shape.apply(cut, random, nodes);
    }

    public void healPartitions() {
        for (boolean[] row : cut) java.util.Arrays.fill(row, false);
    }

    /** Holds every message from {@code from} to {@code to} until {@code untilMicros}. */
    public void clog(int from, int to, long untilMicros) {
        clogUntilMicros[from][to] = Math.max(clogUntilMicros[from][to], untilMicros);
    }

    /** The heal: every link up, no clog, no loss, no duplicates. Latency and reordering remain. */
    public void healAll() {
        healPartitions();
        for (long[] row : clogUntilMicros) java.util.Arrays.fill(row, 0);
        lossRate = 0;
        duplicateRate = 0;
    }

    public NetworkStats stats() {
        return stats;
    }

    private static String describe(Message message) {
        if (message instanceof ClientFrame f) return "ClientFrame#" + f.requestId() + "(" + f.request().getClass().getSimpleName() + ")";
        if (message instanceof ClientReply r) return "ClientReply#" + r.requestId() + "(" + r.response().getClass().getSimpleName() + ")";
        return message.getClass().getSimpleName();
    }

    /** Type plus a checksum of the encoded bytes, so that a trace pins the exact message. */
    private static String describe(Message message, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return describe(message) + " " + bytes.length + "B crc" + Long.toHexString(crc.getValue());
    }
}
