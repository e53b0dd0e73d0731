package io.chorus.replication.topology;

import io.chorus.replication.ring.NodeId;

/**
 * One entry of a key's preference list: a primary replica ({@code standsInFor} null), or a fallback
 * that stands in for the primary {@code standsInFor} while it is down (and will hold its hints).
 */
public record PreferenceEntry(NodeId node, NodeId standsInFor) {
    public boolean isPrimary() {
        return standsInFor == null;
    }
}
