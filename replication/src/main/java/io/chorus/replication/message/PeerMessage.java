package io.chorus.replication.message;

/** Node-to-node protocol messages, handled by {@code Replica.onMessage}. */
public sealed interface PeerMessage extends Message
        permits Heartbeat, ReplicaRead, ReplicaWrite, MintWrite, CoordinatorReply,
                PullKeys, CrdtMint, TreeNodes, SyncLeaves, LeafKeys {
}
