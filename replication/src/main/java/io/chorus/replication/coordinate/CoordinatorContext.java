package io.chorus.replication.coordinate;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.topology.Topology;

/**
 * The node as a coordinator sees it: all a coordinator may do or know. A message to {@link #self()}
 * reaches this node's own replica inside the core, the same way a peer's would, so that the local
 * replica's answers (and their wait for persistence) follow the same path as remote ones.
 */
public interface CoordinatorContext {
    NodeId self();

    Topology topology();

    ReplicaConfig config();

    /** Ticks since this node started. */
    long tick();

    /** This node's wall clock, only for what users see: a TTL put's expiry, and whether a value read has expired. */
    long wallMillis();

    boolean isAlive(NodeId node);

    boolean hasBug(InjectedBug bug);

    void send(NodeId to, PeerMessage message);

    void reply(ClientRef client, long requestId, ClientResponse response);

    /** Every primary acknowledged a delete of {@code key}: check whether its tombstone can go. */
    void tombstoneOnEveryPrimary(Key key);

    /** A finished read sent its merge to {@code replicas} replicas that were behind. */
    void readRepaired(int replicas);
}
