package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.ring.NodeId;

/**
 * The four inputs of a node's protocol core, as the handler thread drives them. In production it is
 * the {@link Replica}; tests of the shell plug in simpler machines. Called from one thread only.
 */
public interface StateMachine {
    void onClientRequest(ClientRef client, long requestId, ClientRequest request);

    void onMessage(NodeId from, PeerMessage message);

    void onTick();

    void onPeerUnreachable(NodeId peer);

    /** Adapts the replica (a final class with exactly these methods). */
    static StateMachine of(Replica replica) {
        return new StateMachine() {
            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                replica.onClientRequest(client, requestId, request);
            }

            @Override
            public void onMessage(NodeId from, PeerMessage message) {
                replica.onMessage(from, message);
            }

            @Override
            public void onTick() {
                replica.onTick();
            }

            @Override
            public void onPeerUnreachable(NodeId peer) {
                replica.onPeerUnreachable(peer);
            }
        };
    }
}
