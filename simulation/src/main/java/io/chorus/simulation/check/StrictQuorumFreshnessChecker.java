package io.chorus.simulation.check;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.Key;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The one freshness promise without a session token (SEMANTICS.md): with strict quorums and
 * R + W > N, a read that starts after a write was acknowledged returns that write or something that
 * causally supersedes it. For each ok read and each write acknowledged before the read started, with
 * levels whose replica counts overlap (R + W > N, both at most N):
 * <ul>
 *   <li>a put: the read's context contains the put's dot (the read saw it; otherwise it is stale),
 *       and the value is among those returned unless a client write invoked before the read ended
 *       had superseded it (a context containing the dot);</li>
 *   <li>any write that carried a context (put or delete): the read returns no value whose dot that
 *       context had seen. A replica that stored the write has dropped those versions for good, and
 *       one such replica is in every read quorum. This is the freshness of a delete.</li>
 * </ul>
 * Failed and indeterminate operations promise nothing and are not judged.
 */
public final class StrictQuorumFreshnessChecker implements Checker {
    @Override
    public String name() {
        return "freshness";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        int n = state.replicationFactor();
        Supersession supersession = new Supersession(history);
        TreeMap<Key, List<Op>> ackedWrites = new TreeMap<>();
        for (Op op : history.ops()) {
            if (op.type().isWrite() && op.isOk()) ackedWrites.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        ackedWrites.values().forEach(writes -> writes.sort(Comparator.comparingLong(Op::completedMicros)));
        List<Violation> violations = new ArrayList<>();
        for (Op read : history.ops()) {
            if (read.type() != OpType.GET || !read.isOk()) continue;
            int r = read.invocation().level().required(n);
            if (r > n) continue;
            for (Op write : ackedWrites.getOrDefault(read.key(), List.of())) {
                if (write.completedMicros() >= read.invokedMicros()) break;
                int w = write.invocation().level().required(n);
                if (w > n || r + w <= n) continue;
                String problem = problem(read, write, history, supersession);
                if (problem != null) {
                    violations.add(new Violation(name(), problem + " (R=" + r + " + W=" + w + " > N=" + n + "): read "
                            + read.describe() + "; write " + write.describe()));
                }
            }
        }
        return violations;
    }

    private static String problem(Op read, Op write, History history, Supersession supersession) {
        if (write.type() == OpType.PUT) {
            List<Dot> dots = history.dotsOf(write.invocation().value());
            if (!anyIn(dots, read.returnedContext())) {
                return "stale read: it did not see a put acknowledged before it began (put minted as " + dots + ")";
            }
            if (!read.valuesRead().contains(write.invocation().value())
                    && !supersession.anySuperseded(read.key(), dots, read.completedMicros())) {
                return "read saw the put's version " + dots + " but returned neither it nor any write superseding it";
            }
        }
        VersionVector superseded = write.invocation().context();
        if (superseded.isEmpty()) return null;
        for (String value : read.valuesRead()) {
            List<Dot> dots = history.dotsOf(value);
            if (!dots.isEmpty() && allIn(dots, superseded)) {
                return "read returned value " + value + " (" + dots + "), which a write acknowledged before the read began had superseded";
            }
        }
        return null;
    }

    private static boolean anyIn(List<Dot> dots, VersionVector context) {
        for (Dot dot : dots) {
            if (context.contains(dot)) return true;
        }
        return false;
    }

    private static boolean allIn(List<Dot> dots, VersionVector context) {
        for (Dot dot : dots) {
            if (!context.contains(dot)) return false;
        }
        return true;
    }
}
