package io.chorus.simulation.world;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.env.Storage;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.topology.Topology;

import java.util.EnumSet;
import java.util.Set;

/**
 * Builds a node's replica at start and at every restart, minting in {@code actorEpoch} (the
 * simulator gives a node a new epoch after every crash, as a production node takes one after every
 * unclean stop). The simulator uses the production constructor; tests pass one that switches on
 * injected bugs, to prove the checkers catch them.
 */
@FunctionalInterface
public interface ReplicaFactory {
    ReplicaFactory PRODUCTION = withBugs(EnumSet.noneOf(InjectedBug.class));

    Replica create(NodeId self, long actorEpoch, Topology topology, ReplicaConfig config, Storage storage,
                   RandomSource random, Clock clock);

    /** The production replica with deliberate bugs switched on (tests of the checkers). */
    static ReplicaFactory withBugs(Set<InjectedBug> bugs) {
        return (self, actorEpoch, topology, config, storage, random, clock) ->
                new Replica(self, actorEpoch, topology, config, storage, random, clock, ReplicaObserver.NOOP, bugs);
    }
}
