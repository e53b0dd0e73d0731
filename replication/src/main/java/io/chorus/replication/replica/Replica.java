package io.chorus.replication.replica;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

/**
 * One node's protocol state machine: it coordinates client requests and serves as a replica for its
 * partitions. Single-threaded and not thread-safe by design: the shell (Disruptor handler, or the
 * simulator's event loop) calls these methods from one thread; output goes to the {@link Outbox}.
 */
public final class Replica {
    public Replica(NodeId self, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
                   RandomSource random, Clock clock) {
        throw new UnsupportedOperationException("under construction");
    }

    /** A message from peer {@code from} (the shell knows the sender from the connection's Hello). */
    public void onMessage(NodeId from, PeerMessage message) {
    }

    /** A client request; the answer goes to {@code outbox.reply(client, requestId, ...)} exactly once. */
    public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
    }

    /** One tick of time: timeouts, heartbeats, and later retries, hints and anti-entropy pacing. */
    public void onTick() {
    }

    /** The shell lost (or could not open) its connection to {@code peer}: treat it as down until heard from. */
    public void onPeerUnreachable(NodeId peer) {
    }
}
