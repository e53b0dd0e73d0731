package io.chorus.node.pipeline;

import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

import java.util.concurrent.atomic.LongAdder;

/**
 * The publishing side of the ring, used by Netty threads, the tick scheduler and the write-ahead
 * log writer. Every method but {@link #publishPersisted} is non-blocking: it returns false at once when the ring is full (or the node is stopping), and the
 * caller decides what that means (a client gets Overloaded; a peer message or tick is dropped,
 * which the protocol tolerates).
 */
public final class Inbound {
    private static final EventTranslatorThreeArg<InboundEvent, ClientRef, Long, ClientRequest> CLIENT_REQUEST =
            (event, sequence, client, requestId, request) -> event.clientRequest(client, requestId, request);
    private static final EventTranslatorTwoArg<InboundEvent, NodeId, PeerMessage> PEER_MESSAGE =
            (event, sequence, from, message) -> event.peerMessage(from, message);
    private static final EventTranslator<InboundEvent> TICK = (event, sequence) -> event.tick();
    private static final EventTranslatorOneArg<InboundEvent, NodeId> PEER_UNREACHABLE =
            (event, sequence, peer) -> event.peerUnreachable(peer);

    private static final EventTranslatorOneArg<InboundEvent, Long> PERSISTED = (event, sequence, batchId) -> event.persisted(batchId);

    private final RingBuffer<InboundEvent> ring;
    private volatile boolean accepting = true;
    private final LongAdder refusedRequests = new LongAdder();
    private final LongAdder droppedPeerMessages = new LongAdder();
    private final LongAdder droppedTicks = new LongAdder();

    Inbound(RingBuffer<InboundEvent> ring) {
        this.ring = ring;
    }

    public boolean tryClientRequest(ClientRef client, long requestId, ClientRequest request) {
        boolean published = accepting && ring.tryPublishEvent(CLIENT_REQUEST, client, requestId, request);
        if (!published) refusedRequests.increment();
        return published;
    }

    public boolean tryPeerMessage(NodeId from, PeerMessage message) {
        boolean published = accepting && ring.tryPublishEvent(PEER_MESSAGE, from, message);
        if (!published) droppedPeerMessages.increment();
        return published;
    }

    public boolean tryTick() {
        boolean published = accepting && ring.tryPublishEvent(TICK);
        if (!published) droppedTicks.increment();
        return published;
    }

    public boolean tryPeerUnreachable(NodeId peer) {
        return accepting && ring.tryPublishEvent(PEER_UNREACHABLE, peer);
    }

    /**
     * The write-ahead log writer's report that every batch up to {@code batchId} is fsynced. Unlike
     * the inputs above it waits for room in the ring (it runs on the writer thread, never on a
     * Netty thread, and the handler never waits for the writer, so the ring drains) and it is
     * published even while the node stops: replies that wait for it must still go out.
     */
    public void publishPersisted(long batchId) {
        ring.publishEvent(PERSISTED, batchId);
    }

    /** From now on every publish is refused; what is already in the ring still gets handled. */
    void stopAccepting() {
        accepting = false;
    }

    public boolean isAccepting() {
        return accepting;
    }

    /** Events published but not yet handled. */
    public long occupancy() {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    public int capacity() {
        return ring.getBufferSize();
    }

    public long refusedRequests() {
        return refusedRequests.sum();
    }

    public long droppedPeerMessages() {
        return droppedPeerMessages.sum();
    }

    public long droppedTicks() {
        return droppedTicks.sum();
    }
}
