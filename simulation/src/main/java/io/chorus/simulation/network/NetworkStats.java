package io.chorus.simulation.network;

/** Message counts of one run, node-to-node and client-to-node together. */
public final class NetworkStats {
    long sent;
    long delivered;
    long dropped;
    long duplicated;

    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    /** Lost at random, cut by a partition, or addressed to a node that was down. */
    public long dropped() {
        return dropped;
    }

    public long duplicated() {
        return duplicated;
    }
}
