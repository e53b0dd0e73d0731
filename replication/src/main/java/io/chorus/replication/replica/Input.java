package io.chorus.replication.replica;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.topology.Topology;

/**
 * Everything that can happen to a node's core, one {@link Replica#step} each. Time arrives only as
 * {@link Tick}s; that storage writes are done arrives as {@link Replica#advance}.
 */
public sealed interface Input permits Input.Client, Input.FromPeer, Input.Tick, Input.PeerUnreachable, Input.TopologyChanged {
    /** A client request; it gets exactly one reply. */
    record Client(ClientRef client, long requestId, ClientRequest request) implements Input {
    }

    /** A message from a peer whose identity the shell established. */
    record FromPeer(NodeId from, PeerMessage message) implements Input {
    }

    /** One tick of time: timeouts, heartbeats, anti-entropy pacing. */
    record Tick() implements Input {
        public static final Tick INSTANCE = new Tick();
    }

    /** The shell lost (or could not open) its connection to {@code peer}. */
    record PeerUnreachable(NodeId peer) implements Input {
    }

    /** A new version of the cluster's topology; taken when its epoch is newer than the node's. */
    record TopologyChanged(Topology topology) implements Input {
    }
}
