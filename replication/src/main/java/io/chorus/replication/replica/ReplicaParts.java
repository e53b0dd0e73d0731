package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.env.Storage;
import io.chorus.replication.hints.HintStore;
import io.chorus.replication.partition.AntiEntropy;
import io.chorus.replication.partition.Expiries;
import io.chorus.replication.partition.LocalKeys;
import io.chorus.replication.partition.PartitionReplica;
import io.chorus.replication.partition.Partitions;
import io.chorus.replication.partition.ReplicaRequests;
import io.chorus.replication.partition.Tombstones;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.topology.Topology;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The replica side of one node, built and wired together: its stored keys, the partitions over
 * them, and what keeps them (replica requests, hints held as a fallback, tombstones and their
 * purge, expiries, anti-entropy). {@link Replica} routes to these; this class only assembles them,
 * so that which part hears of which (a stored key's load, a write's removal) is stated in one place.
 */
final class ReplicaParts {
    /** How long (in request timeouts) answered mints are remembered: the Outbox's bound on a duplicate's delay. */
    static final int MINT_LOG_RETENTION_TIMEOUTS = 16;
    /** Most tombstones tracked for the purge sweep (about 100 bytes of heap each); more are counted, and tracked after a restart. */
    static final int TOMBSTONES_TRACKED_MAX = 1_000_000;

    final LocalKeys keys;
    final Partitions partitions;
    final ReplicaRequests replicaSide;
    final AntiEntropy antiEntropy;
    final HintStore hints;
    final Tombstones tombstones;
    final Expiries expiries;

    /**
     * @param topology the node's current topology, read whenever a part needs it (it changes)
     * @param outputs  where every part's sends and stores go
     */
    ReplicaParts(NodeId self, long actorEpoch, Supplier<Topology> topology, ReplicaConfig config, Storage storage, ReadyBuilder outputs,
                 ReplicaObserver observer, Clock clock, Set<InjectedBug> bugs) {
        this.keys = new LocalKeys(storage);
        keys.bind(outputs);
        this.hints = new HintStore(self, config.hints(), keys, outputs, observer, key -> topology.get().replicasOf(key),
                config.requestTimeoutTicks());
        this.tombstones = new Tombstones(keys, this::partitionOf, outputs, observer, TOMBSTONES_TRACKED_MAX);
        this.expiries = new Expiries(this::partitionOf, k -> topology.get().replicasOf(k).contains(self), observer);
        this.partitions = new Partitions(topology.get(), keys, (key, state) -> {
            // hinted keys too: their handover removal is counted (seed 96)
            tombstones.loaded(key, state);
            if (topology.get().replicasOf(key).contains(self)) {
                expiries.loaded(key, state);
                return false;
            }
            hints.load(key, state); // a key this node does not replicate is a hint it keeps
            return true;
        });
        keys.listen(tombstones);
        keys.listen(expiries);
        if (bugs.contains(InjectedBug.PURGE_WITHOUT_EVERY_REPLICA)) tombstones.forgetContextOnPurge();
        this.replicaSide = new ReplicaRequests(self, self.actor(actorEpoch), actorEpoch, partitions, topology, outputs,
                MINT_LOG_RETENTION_TIMEOUTS * (long) config.requestTimeoutTicks(), config.inFlightRequestsMax(),
                new PartitionReplica.Limits(config.siblingsMax(), config.keyStateBytesMax()), clock);
        this.antiEntropy = new AntiEntropy(self, topology.get(), partitions, outputs, config.antiEntropyKeysMax(),
                config.antiEntropyScanKeysPerTick(), observer);
    }

    /** {@code partitions} is set before any key is loaded or written: the parts built before it call this only then. */
    private PartitionReplica partitionOf(Key key) {
        return partitions.of(key);
    }
}
