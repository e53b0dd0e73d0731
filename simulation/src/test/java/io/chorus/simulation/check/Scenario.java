package io.chorus.simulation.check;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Hand-made histories for checker tests: a three-node cluster with N=3 (every node is a replica of
 * every key), operations with explicit times in microseconds, and explicit final replica states.
 * Notation: contexts as {@code "n1:2,n2:1"}, siblings as {@code "n1:2=v1"} or {@code "n1:3=~"} (a tombstone).
 */
final class Scenario {
    static final NodeId N1 = NodeId.of("n1"), N2 = NodeId.of("n2"), N3 = NodeId.of("n3");
    static final Key K = Key.of("k");

    final History history = new History();
    private final TreeMap<NodeId, TreeMap<Key, KeyState>> storage = new TreeMap<>();
    private final int replicationFactor;

    Scenario() {
        this(3);
    }

    Scenario(int replicationFactor) {
        this.replicationFactor = replicationFactor;
        for (NodeId node : List.of(N1, N2, N3)) storage.put(node, new TreeMap<>());
    }

    int get(Consistency level, long start) {
        return invoke(OpType.GET, null, "", level, start);
    }

    int put(String value, String context, Consistency level, long start) {
        return invoke(OpType.PUT, value, context, level, start);
    }

    int delete(String context, Consistency level, long start) {
        return invoke(OpType.DELETE, null, context, level, start);
    }

    private int invoke(OpType type, String value, String context, Consistency level, long start) {
        int id = history.nextOpId();
        history.invoke(new Invocation(id, 1, type, K, value, vv(context), level, N1, start));
        return id;
    }

    /** A write acknowledged at {@code end}. */
    Scenario acked(int op, long end, String context) {
        history.complete(Completion.ok(op, end, List.of(), vv(context)));
        return this;
    }

    /** A read answered at {@code end}. */
    Scenario read(int op, long end, String context, String... values) {
        history.complete(Completion.ok(op, end, List.of(values), vv(context)));
        return this;
    }

    Scenario failed(int op, long end, ErrorKind kind) {
        history.complete(Completion.error(op, end, kind, "(test)"));
        return this;
    }

    /** The simulator saw {@code value} stored under {@code dot} ("n1:1"). */
    Scenario minted(String value, String dot) {
        history.minted(value, dot(dot));
        return this;
    }

    /** {@code node}'s final state of the key. */
    Scenario holds(NodeId node, String context, String... siblings) {
        storage.get(node).put(K, state(context, siblings));
        return this;
    }

    /** At {@code at}, a power loss rolled {@code node}'s state of the key back from {@code lost} to {@code durable}. */
    Scenario rolledBack(NodeId node, long at, KeyState durable, KeyState lost) {
        history.rolledBack(new History.Rollback(node, at, K, durable, lost));
        return this;
    }

    static KeyState state(String context, String... siblings) {
        List<Sibling> list = new ArrayList<>();
        for (String s : siblings) {
            String[] parts = s.split("=");
            list.add(new Sibling(dot(parts[0]), parts[1].equals("~") ? null : parts[1].getBytes(StandardCharsets.UTF_8)));
        }
        return KeyState.of(vv(context), list);
    }

    /** Every replica holds the same final state. */
    Scenario allHold(String context, String... siblings) {
        for (NodeId node : List.of(N1, N2, N3)) holds(node, context, siblings);
        return this;
    }

    FinalState state() {
        return new FinalState(storage, Ring.create(List.of(N1, N2, N3), 8), replicationFactor);
    }

    List<Violation> check(Checker checker) {
        return checker.check(history, state());
    }

    static VersionVector vv(String text) {
        TreeMap<String, Long> entries = new TreeMap<>();
        if (!text.isBlank()) {
            for (String entry : text.split(",")) {
                Dot dot = dot(entry.strip());
                entries.put(dot.actor(), dot.counter());
            }
        }
        return VersionVector.of(entries);
    }

    static Dot dot(String text) {
        String[] parts = text.split(":");
        return new Dot(parts[0], Long.parseLong(parts[1]));
    }
}
