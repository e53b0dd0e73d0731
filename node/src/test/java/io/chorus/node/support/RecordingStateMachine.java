package io.chorus.node.support;

import io.chorus.node.pipeline.StateMachine;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A state machine that only records what reaches it (and never answers). */
public class RecordingStateMachine implements StateMachine {
    public record Request(ClientRef client, long requestId, ClientRequest request) { }

    public record PeerInput(NodeId from, PeerMessage message) { }

    public final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<PeerInput> messages = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<NodeId> unreachable = new LinkedBlockingQueue<>();
    public final AtomicLong ticks = new AtomicLong();

    @Override
    public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
        requests.add(new Request(client, requestId, request));
    }

    @Override
    public void onMessage(NodeId from, PeerMessage message) {
        messages.add(new PeerInput(from, message));
    }

    @Override
    public void onTick() {
        ticks.incrementAndGet();
    }

    @Override
    public void onPeerUnreachable(NodeId peer) {
        unreachable.add(peer);
    }
}
