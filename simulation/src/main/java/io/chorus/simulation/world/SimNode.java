package io.chorus.simulation.world;

import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.ring.NodeId;

/**
 * One simulated machine: its storage and clock live as long as the run; its {@link Replica} (the
 * process) is dropped on a crash and rebuilt from storage on restart. The incarnation number lets
 * events scheduled by a previous process (its ticks) recognise that they are stale. The actor epoch
 * is what a production node keeps in its data directory: one more after every crash, so that a
 * node whose storage lost writes (power loss) never mints their dots again.
 */
final class SimNode {
    final int index;
    final NodeId id;
    final SimStorage storage;
    final SimClock clock;
    final Outbox outbox;
    final RandomSource random;
    final long tickPeriodMicros;
    Replica replica;
    int incarnation;
    long actorEpoch;

    SimNode(int index, NodeId id, SimStorage storage, SimClock clock, Outbox outbox, RandomSource random, long tickPeriodMicros) {
        this.index = index;
        this.id = id;
        this.storage = storage;
        this.clock = clock;
        this.outbox = outbox;
        this.random = random;
        this.tickPeriodMicros = tickPeriodMicros;
    }

    boolean isUp() {
        return replica != null;
    }
}
