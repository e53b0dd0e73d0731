package io.chorus.simulation.world;

import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.Storage;
import io.chorus.replication.replica.Membership;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.replica.ReplicaConfig;
import io.chorus.replication.ring.NodeId;

/**
 * Builds a node's replica at start and at every restart. The simulator uses the production
 * constructor; tests pass one that switches on injected bugs, to prove the checkers catch them.
 */
@FunctionalInterface
public interface ReplicaFactory {
    ReplicaFactory PRODUCTION = Replica::new;

    Replica create(NodeId self, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
                   RandomSource random, Clock clock);
}
