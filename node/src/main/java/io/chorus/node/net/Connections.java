package io.chorus.node.net;

import io.chorus.node.pipeline.Destination;
import io.chorus.node.pipeline.Destinations;
import io.chorus.node.pipeline.Inbound;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.ring.NodeId;
import io.netty.channel.Channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live connections of a node, as the outbox finds them: client connections by the
 * {@link ClientRef} minted for them (ids are never reused, so a late reply cannot reach a newer
 * client), and the outgoing link to each peer. Read by the handler thread, written by event loops.
 */
public final class Connections implements Destinations {
    private final ConcurrentHashMap<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private volatile Map<NodeId, PeerLink> links = Map.of();
    private final NetworkCounters counters = new NetworkCounters();
    private volatile Admission admission = new Admission(AdmissionLimits.DEFAULTS);

    public NetworkCounters counters() {
        return counters;
    }

    ClientConnection registerClient(Channel channel, Inbound inbound, NetworkSettings settings) {
        ClientConnection connection = new ClientConnection(new ClientRef(nextClientId.getAndIncrement()), channel, inbound, settings, counters,
                admission);
        clients.put(connection.ref().id(), connection);
        return connection;
    }

    void unregisterClient(ClientConnection connection) {
        clients.remove(connection.ref().id(), connection);
        connection.closed();
    }

    /** The node's admission state (set once, by the server, before it accepts a connection). */
    void setAdmission(Admission admission) {
        this.admission = admission;
    }

    public Admission admission() {
        return admission;
    }

    void setLinks(Map<NodeId, PeerLink> links) {
        this.links = Map.copyOf(links);
    }

    Map<NodeId, PeerLink> links() {
        return links;
    }

    @Override
    public Destination client(ClientRef client) {
        return clients.get(client.id());
    }

    @Override
    public Destination peer(NodeId peer) {
        return links.get(peer);
    }

    /** Bytes queued on the outgoing link to {@code peer} now (bounded by limits.peerQueueBytesMax plus one message; 0: no such peer). */
    public long peerQueueBytes(NodeId peer) {
        PeerLink link = links.get(peer);
        return link == null ? 0 : link.queuedBytes();
    }

    /** Messages to {@code peer} dropped so far: no connection, or its queue at limits.peerQueueBytesMax. */
    public long peerMessagesDropped(NodeId peer) {
        PeerLink link = links.get(peer);
        return link == null ? 0 : link.dropped();
    }

    /** The peers this node has a link to. */
    public java.util.Set<NodeId> peers() {
        return links.keySet();
    }

    public int clientCount() {
        return clients.size();
    }

    /** Peers with an open outgoing link right now. */
    public long connectedPeerCount() {
        return links.values().stream().filter(PeerLink::isConnected).count();
    }
}
