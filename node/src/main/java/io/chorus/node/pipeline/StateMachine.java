package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.replica.Input;
import io.chorus.replication.replica.ReadyLoop;
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

    /**
     * Drives the replica: each input is a step, and its Readies are carried out at once on the
     * handler thread: writes to {@code storage}, then messages to {@code outbox}, then advance.
     */
    static StateMachine of(Replica replica, Storage storage, Outbox outbox) {
        return new StateMachine() {
            private void step(Input input) {
                replica.step(input);
                ReadyLoop.drain(replica, write -> storage.put(write.key(), write.state()), outbox);
            }

            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                step(new Input.Client(client, requestId, request));
            }

            @Override
            public void onMessage(NodeId from, PeerMessage message) {
                step(new Input.FromPeer(from, message));
            }

            @Override
            public void onTick() {
                step(Input.Tick.INSTANCE);
            }

            @Override
            public void onPeerUnreachable(NodeId peer) {
                step(new Input.PeerUnreachable(peer));
            }
        };
    }
}
