package io.chorus.replication.message;

/**
 * Anti-entropy, the walk down two replicas' Merkle trees: "here are my hashes of these nodes, all at
 * {@code level}" (entry i is node {@code indexes[i]} of partition {@code partitions[i]}'s tree). A
 * round starts with the roots (level 0) of every partition the two nodes share; the receiver answers
 * with its hashes of the children of each node that differs, one level down, and so on, alternating,
 * until a side reaches differing leaves ({@link SyncLeaves}). Bounded by the sender (entries per message).
 */
public record TreeNodes(int level, int[] partitions, int[] indexes, long[] hashes) implements PeerMessage {
    public TreeNodes {
        if (partitions.length != indexes.length || indexes.length != hashes.length) {
            throw new IllegalArgumentException("tree nodes: " + partitions.length + " partitions, " + indexes.length + " indexes, "
                    + hashes.length + " hashes");
        }
    }
}
