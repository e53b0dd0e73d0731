package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

/**
 * One slot of the ring: a tagged union of the four inputs, and of the write-ahead log writer's
 * report that a batch of durable writes is fsynced ({@link Kind#PERSISTED}). Mutable and reused by the Disruptor;
 * written by one publisher, then read by the handler thread, then cleared so the slot does not keep
 * a request alive.
 */
public final class InboundEvent {
    public enum Kind { CLIENT_REQUEST, PEER_MESSAGE, TICK, PEER_UNREACHABLE, PERSISTED }

    Kind kind;
    ClientRef client;
    long requestId;
    ClientRequest request;
    NodeId peer;
    PeerMessage message;
    /** PERSISTED: every write-ahead log batch up to this id is fsynced. */
    long persistedBatch;
    /** When the event was published (System.nanoTime), for latency measurements. */
    long publishedNanos;

    void clientRequest(ClientRef client, long requestId, ClientRequest request) {
        this.kind = Kind.CLIENT_REQUEST;
        this.client = client;
        this.requestId = requestId;
        this.request = request;
        this.publishedNanos = System.nanoTime();
    }

    void peerMessage(NodeId from, PeerMessage message) {
        this.kind = Kind.PEER_MESSAGE;
        this.peer = from;
        this.message = message;
        this.publishedNanos = System.nanoTime();
    }

    void tick() {
        this.kind = Kind.TICK;
        this.publishedNanos = System.nanoTime();
    }

    void peerUnreachable(NodeId peer) {
        this.kind = Kind.PEER_UNREACHABLE;
        this.peer = peer;
        this.publishedNanos = System.nanoTime();
    }

    void persisted(long batchId) {
        this.kind = Kind.PERSISTED;
        this.persistedBatch = batchId;
        this.publishedNanos = System.nanoTime();
    }

    void clear() {
        kind = null;
        client = null;
        request = null;
        peer = null;
        message = null;
    }

    @Override
    public String toString() {
        return switch (kind == null ? Kind.TICK : kind) {
            case CLIENT_REQUEST -> "client request " + requestId + " from client " + client.id() + ": " + request.getClass().getSimpleName();
            case PEER_MESSAGE -> "message from " + peer + ": " + message.getClass().getSimpleName();
            case TICK -> "tick";
            case PEER_UNREACHABLE -> "peer " + peer + " unreachable";
            case PERSISTED -> "write-ahead log batches up to " + persistedBatch + " fsynced";
        };
    }
}
