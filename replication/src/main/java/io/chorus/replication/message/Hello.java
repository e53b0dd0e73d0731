package io.chorus.replication.message;

import io.chorus.replication.ring.NodeId;

/** First frame on a node-to-node connection: who is calling. Handled by the shell, not the replica. */
public record Hello(NodeId from) implements Message {
}
