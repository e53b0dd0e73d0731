package io.chorus.simulation.check;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.OrSet;
import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.CrdtCall;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;
import io.chorus.crdt.clock.VersionVector;

import java.util.List;
import java.util.TreeMap;

/**
 * Hand-made CRDT histories for checker tests: three nodes, N=3 (every node a replica of every
 * key), one counter {@link #CNT} and one set {@link #SET}, times in microseconds, and the final
 * replica states. The run counts as healed unless {@link #notHealed()} says otherwise.
 */
final class CrdtScenario {
    static final NodeId N1 = NodeId.of("n1"), N2 = NodeId.of("n2"), N3 = NodeId.of("n3");
    static final List<NodeId> NODES = List.of(N1, N2, N3);
    static final Key CNT = Key.of("cnt0"), SET = Key.of("set0");

    final History history = new History();
    private final TreeMap<NodeId, TreeMap<Key, KeyState>> storage = new TreeMap<>();
    private long nextOperationId = 1;
    private boolean healed = true;

    CrdtScenario() {
        for (NodeId node : NODES) storage.put(node, new TreeMap<>());
    }

    int increment(long amount, Consistency level, long start) {
        return invoke(OpType.COUNTER_ADD, CNT, CrdtCall.increment(amount, nextOperationId++), level, start);
    }

    int counterRead(Consistency level, long start) {
        return invoke(OpType.COUNTER_READ, CNT, null, level, start);
    }

    int add(String element, Consistency level, long start) {
        return invoke(OpType.SET_ADD, SET, CrdtCall.element(element, nextOperationId++), level, start);
    }

    int remove(String element, Consistency level, long start) {
        return invoke(OpType.SET_REMOVE, SET, CrdtCall.element(element, nextOperationId++), level, start);
    }

    int setRead(Consistency level, long start) {
        return invoke(OpType.SET_READ, SET, null, level, start);
    }

    private int invoke(OpType type, Key key, CrdtCall call, Consistency level, long start) {
        int id = history.nextOpId();
        history.invoke(new Invocation(id, 1, type, key, null, VersionVector.empty(), level, N1, start, call));
        return id;
    }

    /** Marks {@code ops} as made within session {@code session} (their requests carried its token). */
    CrdtScenario inSession(int session, int... ops) {
        for (int op : ops) history.markSession(op, session);
        return this;
    }

    /** An update acknowledged at {@code end}. */
    CrdtScenario acked(int op, long end) {
        history.complete(Completion.afterAttempts(op, end, Outcome.OK, 1, null, null));
        return this;
    }

    /** An update that may have been applied: its attempts timed out. */
    CrdtScenario timedOut(int op, long end) {
        history.complete(Completion.afterAttempts(op, end, Outcome.INDETERMINATE, 2, ErrorKind.TIMEOUT, "Timeout (test)"));
        return this;
    }

    /** An update refused with nothing applied. */
    CrdtScenario failed(int op, long end) {
        history.complete(Completion.afterAttempts(op, end, Outcome.FAIL, 1, ErrorKind.UNAVAILABLE, "Unavailable (test)"));
        return this;
    }

    CrdtScenario readCounter(int op, long end, long value) {
        history.complete(Completion.counterRead(op, end, value));
        return this;
    }

    CrdtScenario readSet(int op, long end, String... elements) {
        history.complete(Completion.setRead(op, end, List.of(elements)));
        return this;
    }

    /** {@code node} holds the counter with {@code value}, minted by itself. */
    CrdtScenario counterHeld(NodeId node, long value) {
        PnCounter counter = value == 0 ? PnCounter.empty() : PnCounter.empty().increment(node.name(), value).state();
        return holds(node, CNT, counter);
    }

    CrdtScenario counterEverywhere(long value) {
        for (NodeId node : NODES) counterHeld(node, value);
        return this;
    }

    /** {@code node} holds the set with exactly {@code elements}. */
    CrdtScenario setHeld(NodeId node, String... elements) {
        OrSet set = OrSet.empty();
        for (String e : elements) set = set.add("n1", Bytes.utf8(e)).state();
        return holds(node, SET, set);
    }

    CrdtScenario setEverywhere(String... elements) {
        for (NodeId node : NODES) setHeld(node, elements);
        return this;
    }

    CrdtScenario holds(NodeId node, Key key, Crdt<?> value) {
        storage.get(node).put(key, KeyState.ofCrdt(value, AppliedOps.none()));
        return this;
    }

    /** At {@code at}, a power loss made {@code node} forget it had applied the update {@code op} to {@code key}. */
    CrdtScenario forgot(NodeId node, long at, Key key, int op) {
        long operationId = history.ops().get(op).crdt().operationId();
        history.rolledBack(new History.Rollback(node, at, key, KeyState.empty(), KeyState.ofCrdt(PnCounter.empty(), AppliedOps.of(operationId))));
        return this;
    }

    /** The run stopped before heal (say, a replica threw): the final state promises nothing. */
    CrdtScenario notHealed() {
        healed = false;
        return this;
    }

    List<Violation> check(Checker checker) {
        if (healed && history.healedMicros() == History.UNSET) history.markHealed(1_000_000_000L);
        return checker.check(history, new FinalState(storage, Ring.create(NODES, 8), 3));
    }
}
