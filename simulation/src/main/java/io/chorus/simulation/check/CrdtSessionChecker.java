package io.chorus.simulation.check;

import io.chorus.replication.state.Key;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-your-writes and monotonic reads of CRDT values within each session (invariant 5, as
 * {@link SessionChecker} judges plain values). A session read returns a state that includes the
 * state of the session's earlier reads of the key and its acknowledged updates; what that implies
 * for what the read shows:
 * <ul>
 *   <li>Counter: the workloads only add positive amounts, so the value is at least the session's
 *       last read of the counter plus every increment the session had acknowledged since (each
 *       increment is a dot no earlier read held).</li>
 *   <li>Set (add-wins): an element the session added (acknowledged) or saw in an earlier read is
 *       present, unless some remove of that element may have taken it out: one invoked before the
 *       read completed and, for an element the session added, completed after the add was invoked
 *       (a remove takes out only the adds it observed, and one finished before the add began
 *       cannot have observed it).</li>
 * </ul>
 * Failed and indeterminate ops promise nothing. A session's ops are sequential, so "before" is
 * history order.
 */
public final class CrdtSessionChecker implements Checker {
    @Override
    public String name() {
        return "crdt-session";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        List<Violation> violations = new ArrayList<>();
        Map<Key, List<Op>> removesByKey = new HashMap<>();
        for (Op op : history.ops()) if (op.type() == OpType.SET_REMOVE) removesByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        HashMap<Integer, TreeMap<Key, CounterFloor>> counters = new HashMap<>(); // looked up only
        HashMap<Integer, TreeMap<Key, TreeMap<String, Op>>> sets = new HashMap<>(); // element -> the session op that promises it
        for (Op op : history.ops()) {
            int session = history.sessionOf(op.id());
            if (session < 0 || !op.isOk()) continue;
            switch (op.type()) {
                case COUNTER_ADD -> counters.computeIfAbsent(session, s -> new TreeMap<>())
                        .merge(op.key(), new CounterFloor(op.crdt().amount(), op), (was, add) -> new CounterFloor(was.value() + add.value(), op));
                case COUNTER_READ -> {
                    TreeMap<Key, CounterFloor> floors = counters.computeIfAbsent(session, s -> new TreeMap<>());
                    CounterFloor floor = floors.get(op.key());
                    if (floor != null && op.counterRead() < floor.value()) {
                        violations.add(new Violation(name(), "session " + session + ": " + op.describe() + ": below the " + floor.value() + " the session had seen or added (last by " + floor.by().describe() + "): "
                                + (floor.by().type() == OpType.COUNTER_READ ? "monotonic reads" : "read-your-writes") + " broken"));
                    }
                    floors.put(op.key(), new CounterFloor(Math.max(op.counterRead(), floor == null ? 0 : floor.value()), op));
                }
                case SET_ADD -> sets.computeIfAbsent(session, s -> new TreeMap<>()).computeIfAbsent(op.key(), k -> new TreeMap<>())
                        .put(op.crdt().element(), op);
                case SET_READ -> {
                    TreeMap<String, Op> promised = sets.computeIfAbsent(session, s -> new TreeMap<>()).computeIfAbsent(op.key(), k -> new TreeMap<>());
                    for (Map.Entry<String, Op> entry : promised.entrySet()) {
                        if (op.valuesRead().contains(entry.getKey())) continue;
                        if (mayHaveBeenRemoved(entry.getKey(), entry.getValue(), op, removesByKey.getOrDefault(op.key(), List.of()))) continue;
                        Op by = entry.getValue();
                        violations.add(new Violation(name(), "session " + session + ": " + op.describe() + " misses \"" + entry.getKey()
                                + "\" that the session " + (by.type() == OpType.SET_ADD ? "added" : "saw") + " (" + by.describe()
                                + ") and no remove of it could have taken out: "
                                + (by.type() == OpType.SET_ADD ? "read-your-writes" : "monotonic reads") + " broken"));
                    }
                    promised.clear();
                    for (String element : op.valuesRead()) promised.put(element, op);
                }
                default -> {
                }
            }
        }
        return violations;
    }

    /** Some remove of {@code element} may have observed and taken out what {@code promise} promised before {@code read} completed. */
    private static boolean mayHaveBeenRemoved(String element, Op promise, Op read, List<Op> removes) {
        for (Op remove : removes) {
            if (!remove.crdt().element().equals(element) || remove.invokedMicros() >= read.completedMicros()) continue;
            if (promise.type() == OpType.SET_ADD && remove.completedMicros() < promise.invokedMicros()) continue;
            return true;
        }
        return false;
    }

    /** The least value a session may read of a counter, and the op that set it. */
    private record CounterFloor(long value, Op by) {
    }
}
