package io.chorus.simulation.world;

import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.Storage;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.replica.ReplicaConfig;
import io.chorus.replication.replica.ReplicaObserver;
import io.chorus.replication.ring.NodeId;

/**
 * Builds a node's replica at start and at every restart, minting in {@code actorEpoch} (the
 * simulator gives a node a new epoch after every crash, as a production node takes one after every
 * unclean stop). The simulator uses the production constructor; tests pass one that switches on
 * injected bugs, to prove the checkers catch them.
 */
@FunctionalInterface
public interface ReplicaFactory {
    ReplicaFactory PRODUCTION = (self, actorEpoch, membership, config, storage, outbox, random, clock) ->
            new Replica(self, actorEpoch, membership, config, storage, outbox, random, clock, ReplicaObserver.NOOP);

    Replica create(NodeId self, long actorEpoch, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
                   RandomSource random, Clock clock);
}
