package io.chorus.replication.message;

/**
 * Anti-entropy: "our trees differ in these leaves (leaf {@code leaves[i]} of partition
 * {@code partitions[i]}): list me your keys in them". Each side then scans its storage for the keys
 * of those leaves and sends them as {@link LeafKeys} pages. Bounded by the sender (leaves per sync).
 */
public record SyncLeaves(int[] partitions, int[] leaves) implements PeerMessage {
    public SyncLeaves {
        if (partitions.length != leaves.length) {
            throw new IllegalArgumentException("sync leaves: " + partitions.length + " partitions, " + leaves.length + " leaves");
        }
    }
}
