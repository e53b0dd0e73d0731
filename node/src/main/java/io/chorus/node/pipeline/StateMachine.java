package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

/**
 * The four inputs of a node's protocol core, as the handler thread drives them. In production it is
 * the replica, through {@link ReplicaDriver}; tests of the shell plug in simpler machines. Called
 * from one thread only.
 */
public interface StateMachine {
    void onClientRequest(ClientRef client, long requestId, ClientRequest request);

    void onMessage(NodeId from, PeerMessage message);

    void onTick();

    void onPeerUnreachable(NodeId peer);
}
