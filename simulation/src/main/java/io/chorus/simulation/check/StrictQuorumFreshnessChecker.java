package io.chorus.simulation.check;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Failed and indeterminate operations promise nothing and are not judged, nor are writes sent with a
 * sloppy quorum (a fallback's acknowledgement counted toward their W, so no read quorum need meet them). A value stored under
 * more than one dot (never, while only replicas mint) is judged by the first two rules only when
 * none of its dots was seen, and not by the third.
 *
 * <p>In the --power-loss mode a replica may forget writes it acknowledged (storage does not fsync),
 * and a read it serves before anti-entropy brings them back is stale: rules one and three excuse a
 * write whose effect a power loss made some replica forget before the read ended
 * ({@link PowerLosses}). Rule two stays: forgetting never makes a replica see a version it drops.
 *
 * <p>The check is a sweep per key in time order, so it stays linear in the history: for each level
 * it keeps the newest acknowledged put per actor (a read that lacks that dot is stale) and the
 * merge of acknowledged writes' contexts; for the second rule it looks only at the read's
 * frontier, the dots of its context that no client write had superseded.
 */
public final class StrictQuorumFreshnessChecker implements Checker {
    private static final Consistency[] LEVELS = Consistency.values();

    /** What is known, per write level, of the writes acknowledged so far on one key. */
    private static final class Acknowledged {
        final TreeMap<String, Op> newestPutByActor = new TreeMap<>(); // single-dot puts only
        final TreeMap<String, Long> newestCounterByActor = new TreeMap<>();
        final List<Op> multiDotPuts = new ArrayList<>();
        VersionVector superseded = VersionVector.empty();
        final List<Op> withContext = new ArrayList<>();
    }

    @Override
    public String name() {
        return "freshness";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        int n = state.replicationFactor();
        Supersession supersession = new Supersession(history);
        PowerLosses powerLosses = new PowerLosses(history);
        TreeMap<Key, List<Op>> readsByKey = new TreeMap<>();
        TreeMap<Key, List<Op>> writesByKey = new TreeMap<>();
        for (Op op : history.ops()) {
            if (!op.isOk() || !op.type().isPlain()) continue; // CRDT keys have their own checkers
            (op.type().isWrite() ? writesByKey : readsByKey).computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        List<Violation> violations = new ArrayList<>();
        readsByKey.forEach((key, reads) -> sweep(key, reads, writesByKey.getOrDefault(key, List.of()), n, history, supersession, powerLosses, violations));
        return violations;
    }

    private void sweep(Key key, List<Op> reads, List<Op> writes, int n, History history, Supersession supersession, PowerLosses powerLosses,
                       List<Violation> out) {
        List<Op> byAck = new ArrayList<>(writes);
        byAck.removeIf(write -> history.isSloppy(write.id())); // a sloppy write's acks may be fallbacks': R + W > N over primaries promises nothing
        byAck.sort(Comparator.comparingLong(Op::completedMicros));
        List<Op> byStart = new ArrayList<>(reads);
        byStart.sort(Comparator.comparingLong(Op::invokedMicros));
        Acknowledged[] acked = new Acknowledged[LEVELS.length];
        for (int i = 0; i < acked.length; i++) acked[i] = new Acknowledged();
        Map<Dot, Op> ackedPutByDot = new HashMap<>(); // looked up only
        int next = 0;
        for (Op read : byStart) {
            for (; next < byAck.size() && byAck.get(next).completedMicros() < read.invokedMicros(); next++) {
                record(byAck.get(next), acked[byAck.get(next).invocation().level().ordinal()], history, ackedPutByDot);
            }
            int r = read.invocation().level().required(n);
            if (r > n) continue;
            for (Consistency level : LEVELS) {
                int w = level.required(n);
                if (w <= n && r + w > n) checkAgainst(read, acked[level.ordinal()], r, w, history, powerLosses, out);
            }
            checkFrontier(key, read, r, n, ackedPutByDot, supersession, out);
        }
    }

    private static void record(Op write, Acknowledged at, History history, Map<Dot, Op> ackedPutByDot) {
        if (write.type() == OpType.PUT) {
            List<Dot> dots = history.dotsOf(write.invocation().value());
            if (dots.size() == 1) {
                Dot dot = dots.get(0);
                if (dot.counter() > at.newestCounterByActor.getOrDefault(dot.actor(), 0L)) {
                    at.newestCounterByActor.put(dot.actor(), dot.counter());
                    at.newestPutByActor.put(dot.actor(), write);
                }
            } else {
                at.multiDotPuts.add(write); // none (never stored: stale for every read) or several
            }
            for (Dot dot : dots) ackedPutByDot.put(dot, write);
        }
        if (!write.invocation().context().isEmpty()) {
            at.superseded = at.superseded.merge(write.invocation().context());
            at.withContext.add(write);
        }
    }

    /** Rules one and three against the writes of one level acknowledged before the read began. */
    private void checkAgainst(Op read, Acknowledged acked, int r, int w, History history, PowerLosses powerLosses, List<Violation> out) {
        VersionVector seen = read.returnedContext();
        acked.newestPutByActor.forEach((actor, put) -> {
            if (acked.newestCounterByActor.get(actor) > seen.get(actor)
                    && !powerLosses.forgotAny(read.key(), history.dotsOf(put.invocation().value()), read.completedMicros())) {
                out.add(violation("stale read: it did not see a put acknowledged before it began (put minted as "
                        + history.dotsOf(put.invocation().value()) + ")", r, w, read, put));
            }
        });
        for (Op put : acked.multiDotPuts) {
            List<Dot> dots = history.dotsOf(put.invocation().value());
            if (dots.stream().noneMatch(seen::contains) && !powerLosses.forgotAny(read.key(), dots, read.completedMicros())) {
                out.add(violation("stale read: it did not see a put acknowledged before it began (put minted as " + dots + ")", r, w, read, put));
            }
        }
        for (String value : read.valuesRead()) {
            List<Dot> dots = history.dotsOf(value);
            if (dots.size() != 1 || !acked.superseded.contains(dots.get(0))) continue;
            if (powerLosses.forgotSupersession(read.key(), dots.get(0), read.completedMicros())) continue;
            for (Op write : acked.withContext) {
                if (write.invocation().context().contains(dots.get(0))) {
                    out.add(violation("read returned value " + value + " (" + dots + "), which a write acknowledged before the read began had superseded", r, w, read, write));
                    break;
                }
            }
        }
    }

    /**
     * Rule two: a version the read saw, neither returned nor superseded by a client write invoked
     * before the read ended, must not be an acknowledged put that the read had to see.
     */
    private void checkFrontier(Key key, Op read, int r, int n, Map<Dot, Op> ackedPutByDot, Supersession supersession, List<Violation> out) {
        VersionVector seen = read.returnedContext();
        VersionVector superseded = supersession.coveredBefore(key, read.completedMicros());
        for (Map.Entry<String, Long> entry : seen.toMap().entrySet()) {
            for (long counter = superseded.get(entry.getKey()) + 1; counter <= entry.getValue(); counter++) {
                Op put = ackedPutByDot.get(new Dot(entry.getKey(), counter));
                if (put == null || read.valuesRead().contains(put.invocation().value())) continue;
                int w = put.invocation().level().required(n);
                if (w > n || r + w <= n) continue;
                out.add(violation("read saw the put's version " + entry.getKey() + ":" + counter
                        + " but returned neither it nor any write superseding it", r, w, read, put));
            }
        }
    }

    private Violation violation(String problem, int r, int w, Op read, Op write) {
        return new Violation(name(), problem + " (R=" + r + " + W=" + w + " > N): read " + read.describe() + "; write " + write.describe());
    }
}
