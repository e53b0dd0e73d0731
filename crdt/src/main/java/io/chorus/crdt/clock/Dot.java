package io.chorus.crdt.clock;

import java.util.Objects;

/**
 * One event of one actor: the {@code counter}-th update that {@code actor} minted.
 * Actors are node names with an epoch: a node mints under a new actor after every unclean restart
 * (it may have lost dots it minted, and must never mint one again), so the number of actors is
 * bounded by the cluster size times the unclean restarts.
 */
public record Dot(String actor, long counter) implements Comparable<Dot> {
    public Dot {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty()) throw new IllegalArgumentException("dot actor is empty");
        if (counter < 1) throw new IllegalArgumentException("dot counter must be >= 1, was " + counter);
    }

    @Override
    public int compareTo(Dot other) {
        int byActor = actor.compareTo(other.actor);
        return byActor != 0 ? byActor : Long.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        return actor + ":" + counter;
    }
}
