package io.chorus.replication.topology;

import io.chorus.replication.ring.NodeId;

/** A cluster member: its name and the {@code host:port} where it takes both peer and client connections. */
public record Member(NodeId id, String address) {
}
