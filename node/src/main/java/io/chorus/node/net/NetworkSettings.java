package io.chorus.node.net;

import io.chorus.node.HostPort;
import io.chorus.replication.ring.NodeId;

import java.util.Map;
import java.util.Set;

/**
 * What the network layer needs to know.
 *
 * @param self                     this node (sent in Hello on every outgoing peer link)
 * @param listen                   where to accept peers and clients
 * @param peers                    every other member and its address (one outgoing link each)
 * @param frameBytesMax            largest frame payload accepted or produced
 * @param inFlightPerConnectionMax most requests a client connection may have waiting for replies
 * @param ringSize                 the pipeline's capacity (quoted when a full ring refuses a request)
 * @param ioThreads                Netty event loop threads (shared by accepted and outgoing connections)
 * @param admission                byte, connection and time bounds of accepted connections
 */
public record NetworkSettings(NodeId self, HostPort listen, Map<NodeId, HostPort> peers, int frameBytesMax,
                              int inFlightPerConnectionMax, int ringSize, int ioThreads, AdmissionLimits admission) {
    public NetworkSettings {
        peers = Map.copyOf(peers);
        if (peers.containsKey(self)) throw new IllegalArgumentException("peers must not include this node " + self);
    }

    /** The same with {@link AdmissionLimits#DEFAULTS}. */
    public NetworkSettings(NodeId self, HostPort listen, Map<NodeId, HostPort> peers, int frameBytesMax,
                           int inFlightPerConnectionMax, int ringSize, int ioThreads) {
        this(self, listen, peers, frameBytesMax, inFlightPerConnectionMax, ringSize, ioThreads, AdmissionLimits.DEFAULTS);
    }

    /** Nodes that may open a peer connection to this one. */
    public Set<NodeId> peerNames() {
        return peers.keySet();
    }
}
