package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.ring.NodeId;

/** Finds the connection a message must go to; null when there is none (closed, or not connected yet). */
public interface Destinations {
    Destination client(ClientRef client);

    Destination peer(NodeId peer);
}
