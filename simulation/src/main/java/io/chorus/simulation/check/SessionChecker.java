package io.chorus.simulation.check;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * Read-your-writes and monotonic reads within each session (invariant 5): a read that carried the
 * session's token returns a causal context that covers the context of every write the session had
 * acknowledged on the key before (the write's own dot and all it superseded) and of every read the
 * session made of the key before. Contexts only, so that deletes count too, and exactly: the
 * simulator records each op's returned context. Failed and indeterminate ops promise nothing. A
 * session's ops are sequential (one client, one op at a time), so "before" is history order.
 */
public final class SessionChecker implements Checker {
    @Override
    public String name() {
        return "session";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        List<Violation> violations = new ArrayList<>();
        HashMap<Integer, TreeMap<Key, Seen>> sessions = new HashMap<>(); // looked up only
        for (Op op : history.ops()) {
            int session = history.sessionOf(op.id());
            if (session < 0 || !op.isOk() || !op.type().isPlain()) continue;
            TreeMap<Key, Seen> seen = sessions.computeIfAbsent(session, s -> new TreeMap<>());
            Seen before = seen.get(op.key());
            VersionVector returned = op.returnedContext();
            if (op.type() == OpType.GET && before != null && !returned.descends(before.context())) {
                violations.add(new Violation(name(), "session " + session + ": " + op.describe() + " misses "
                        + before.context().dotsNotIn(returned) + " that the session had seen (last by " + before.by().describe()
                        + "): " + (before.by().type() == OpType.GET ? "monotonic reads" : "read-your-writes") + " broken"));
            }
            seen.put(op.key(), new Seen(before == null ? returned : before.context().merge(returned), op));
        }
        return violations;
    }

    /** Ok reads that carried a session token, of plain values and CRDT values: what this checker and CrdtSessionChecker judged. */
    public static int sessionReads(History history) {
        int reads = 0;
        for (Op op : history.ops()) {
            if ((op.type() == OpType.GET || op.type().isCrdtRead()) && op.isOk() && history.sessionOf(op.id()) >= 0) reads++;
        }
        return reads;
    }

    private record Seen(VersionVector context, Op by) {
    }
}
