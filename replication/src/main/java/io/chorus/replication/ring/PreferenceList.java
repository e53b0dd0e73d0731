package io.chorus.replication.ring;

import io.chorus.replication.Invariants;
import java.util.List;

/**
 * The replicas of one partition, in ring order: the first N distinct owners clockwise from the
 * partition. Every entry is a primary for now; fallbacks (for sloppy quorums and hinted handoff)
 * will be marked as such when they exist.
 */
public record PreferenceList(int partition, List<NodeId> primaries) {
    public PreferenceList {
        primaries = List.copyOf(primaries);
        for (int i = 1; i < primaries.size(); i++) { // N is a handful: pairwise is cheaper than a set
            // Quorums count distinct replicas: a node listed twice would let one answer count as two.
            if (primaries.subList(0, i).contains(primaries.get(i))) throw Invariants.violated("duplicate replica in %s", primaries);
        }
    }

    public int size() {
        return primaries.size();
    }

    public boolean contains(NodeId node) {
        return primaries.contains(node);
    }
}
