package io.chorus.replication.message;

/**
 * Everything that crosses a connection, node to node or client to node. Immutable records, encoded
 * only by {@link Codec}; the simulator sends them through the same codec.
 */
public sealed interface Message permits PeerMessage, ClientFrame, ClientReply {
}
