package io.chorus.replication.ring;

import java.util.List;

/**
 * The replicas of one partition, in ring order: the first N distinct owners clockwise from the
 * partition. Every entry is a primary for now; fallbacks (for sloppy quorums and hinted handoff)
 * will be marked as such when they exist.
 */
public record PreferenceList(int partition, List<NodeId> primaries) {
    public PreferenceList {
        primaries = List.copyOf(primaries);
        assert primaries.stream().distinct().count() == primaries.size() : "duplicate replica in " + primaries;
    }

    public int size() {
        return primaries.size();
    }

    public boolean contains(NodeId node) {
        return primaries.contains(node);
    }
}
