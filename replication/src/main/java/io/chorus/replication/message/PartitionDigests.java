package io.chorus.replication.message;

/**
 * Anti-entropy, step 1: "for each partition we both replicate, here is my digest". The receiver
 * answers with {@link KeyDigests} for the partitions whose digests differ from its own.
 */
public record PartitionDigests(int[] partitions, long[] digests) implements PeerMessage {
    public PartitionDigests {
        if (partitions.length != digests.length) throw new IllegalArgumentException("partitions and digests differ in length");
    }
}
