package io.chorus.replication.partition;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.topology.Topology;

/**
 * This node's partition replicas, one per partition of the ring (the partition count never changes
 * between topology versions; which of them this node replicates does). Built from storage at start.
 */
public final class Partitions {
    private final PartitionReplica[] replicas;
    private final LocalKeys keys;
    private Topology topology;

    public Partitions(Topology topology, LocalKeys keys) {
        this(topology, keys, (key, state) -> false);
    }

    /** @param claimed sees every stored key at start; a key it claims (returns true for: a hint) is not a partition's */
    public Partitions(Topology topology, LocalKeys keys, java.util.function.BiPredicate<Key, KeyState> claimed) {
        this.topology = topology;
        this.keys = keys;
        this.replicas = new PartitionReplica[topology.partitions()];
        for (int p = 0; p < replicas.length; p++) replicas[p] = new PartitionReplica(p, keys);
        keys.storage().forEach((key, state) -> {
            if (!claimed.test(key, state)) replicas[topology.partitionOf(key)].load(key, state);
        });
    }

    /** A newer topology: placement changes, the partitions stay. */
    public void onTopology(Topology next) {
        if (next.partitions() != replicas.length) {
            throw new IllegalArgumentException("topology " + next.epoch() + " has " + next.partitions()
                    + " partitions, this node " + replicas.length + ": the partition count of a cluster never changes");
        }
        this.topology = next;
    }

    public PartitionReplica of(Key key) {
        return replicas[topology.partitionOf(key)];
    }

    public PartitionReplica get(int partition) {
        return replicas[partition];
    }

    public LocalKeys keys() {
        return keys;
    }
}
