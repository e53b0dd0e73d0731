package io.chorus.crdt.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Three or more replicas of one CRDT value exchanging deltas the way the write path will: the
 * coordinating node applies an operation and ships its delta to every other replica, which
 * receive them late, out of order and sometimes twice.
 */
final class Cluster<T extends Crdt<T>> {
    private record InFlight<T>(int to, T delta) {
    }

    private final List<String> nodes;
    private final List<T> replicas = new ArrayList<>();
    private final List<InFlight<T>> inFlight = new ArrayList<>();
    private final Random random;

    Cluster(List<String> nodes, T empty, long seed) {
        this.nodes = nodes;
        this.random = new Random(seed);
        for (int i = 0; i < nodes.size(); i++) replicas.add(empty);
    }

    /** Node {@code coordinator} runs {@code operation} (given its name and state) and ships the delta. */
    void submit(int coordinator, BiFunction<String, T, Update<T>> operation) {
        Update<T> update = operation.apply(nodes.get(coordinator), replicas.get(coordinator));
        replicas.set(coordinator, update.state());
        for (int to = 0; to < nodes.size(); to++) {
            if (to == coordinator) continue;
            inFlight.add(new InFlight<>(to, update.delta()));
            if (random.nextInt(10) == 0) inFlight.add(new InFlight<>(to, update.delta()));   // duplicated
        }
        if (inFlight.size() > 200) deliver(100);
    }

    /** Delivers {@code count} random in-flight deltas: arrival order is not send order. */
    void deliver(int count) {
        Collections.shuffle(inFlight, random);
        for (int i = 0; i < count && !inFlight.isEmpty(); i++) {
            InFlight<T> message = inFlight.remove(inFlight.size() - 1);
            replicas.set(message.to(), replicas.get(message.to()).merge(message.delta()));
        }
    }

    /** Delivers everything in flight and returns the replicas' common state. */
    T converge() {
        deliver(inFlight.size());
        for (T replica : replicas) {
            if (!replica.equals(replicas.get(0))) throw new AssertionError("replicas differ after every delta arrived");
        }
        return replicas.get(0);
    }

    T replica(int index) {
        return replicas.get(index);
    }
}
