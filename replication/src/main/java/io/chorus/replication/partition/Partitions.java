package io.chorus.replication.partition;

import io.chorus.replication.state.Key;
import io.chorus.replication.topology.Topology;

/**
 * This node's partition replicas, one per partition of the ring (the partition count never changes
 * between topology versions; which of them this node replicates does). Their Merkle trees are rebuilt
 * from storage at start by a {@link TreeBuild}, a chunk per {@link #buildTrees} call.
 */
public final class Partitions {
    private final PartitionReplica[] replicas;
    private final LocalKeys keys;
    private final TreeBuild build;
    private Topology topology;

    public Partitions(Topology topology, LocalKeys keys) {
        this.topology = topology;
        this.keys = keys;
        this.replicas = new PartitionReplica[topology.partitions()];
        this.build = new TreeBuild(keys.storage().scan(), (key, state) -> of(key).count(key, state));
        for (int p = 0; p < replicas.length; p++) replicas[p] = new PartitionReplica(p, keys, build::counted);
    }

    /**
     * Counts the next {@code keysMax} stored keys into the trees, if the build is not done. Called at
     * the start of a step, when storage holds every write made so far (the scan reads storage).
     */
    public void buildTrees(int keysMax) {
        if (build.done()) return;
        keys.assertNoPendingWrites();
        build.step(keysMax);
    }

    /** Whether every tree is complete, so that anti-entropy may compare it. */
    public boolean treesBuilt() {
        return build.done();
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
