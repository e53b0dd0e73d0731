package io.chorus.simulation.check;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;

import java.util.ArrayList;
import java.util.List;

/**
 * Invariant 2: an acknowledged write is never lost. After heal and convergence, on every replica of
 * the key:
 * <ul>
 *   <li>an acknowledged put is held (a sibling with its dot), or the replica has seen its dot (its
 *       context contains it) and some client write that may have applied carried a context
 *       containing that dot, i.e. the put was causally superseded, not dropped; or the replica holds
 *       nothing of the key and such a write exists (a delete whose tombstone was purged once every
 *       replica held it). An acked put whose value never reached any storage is lost outright;</li>
 *   <li>an acknowledged put or delete stays in effect: no replica holds a version whose dot the
 *       write's context had seen (such a version was superseded and came back, or was never
 *       removed). This is how a delete's durability shows: the values it deleted stay deleted.</li>
 * </ul>
 * Dots come from the simulator's observation of storage ({@link History#dotsOf}), since values are
 * unique per put. In the --power-loss mode a write whose effect a power loss made a replica forget
 * ({@link PowerLosses}) may be lost or superseded versions may return: storage does not fsync, so
 * those writes were never durable. Convergence is checked on its own, so an excused write is one
 * that no replica kept.
 */
public final class AckedWriteDurabilityChecker implements Checker {
    /** How a violation that loses a durable write begins (the summary counts these). */
    public static final String DURABLE_WRITE_LOST = "durable write lost: ";

    @Override
    public String name() {
        return "durability";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        Supersession supersession = new Supersession(history);
        PowerLosses powerLosses = new PowerLosses(history);
        List<Violation> violations = new ArrayList<>();
        for (Op op : history.ops()) {
            if (!op.type().isWrite() || !op.isOk()) continue;
            if (op.type() == OpType.PUT) checkPutHeld(op, history, state, supersession, powerLosses, violations);
            checkSupersededStayGone(op, state, powerLosses, violations);
        }
        return violations;
    }

    private void checkPutHeld(Op put, History history, FinalState state, Supersession supersession, PowerLosses powerLosses, List<Violation> out) {
        List<Dot> dots = history.dotsOf(put.invocation().value());
        if (dots.isEmpty()) {
            out.add(violation("acknowledged put never reached any replica's storage: " + put.describe()));
            return;
        }
        for (NodeId replica : state.replicasOf(put.key())) {
            KeyState held = state.at(replica, put.key());
            if (holdsAny(held, dots)) continue;
            if (held.isEmpty() && supersession.anySuperseded(put.key(), dots, Long.MAX_VALUE)) {
                continue; // deleted, and the tombstone purged once every replica held it: nothing is left to hold the dot
            }
            if (!seenAny(held.context(), dots)) {
                // Every replica that stored it lost power before syncing: excused, unless the write was durable.
                if (!history.isDurable(put.id()) && powerLosses.forgotAny(put.key(), dots, Long.MAX_VALUE)) continue;
                out.add(violation((history.isDurable(put.id()) ? DURABLE_WRITE_LOST : "") + "replica " + replica + " lost (or never received) acknowledged " + put.describe()
                        + "; minted as " + dots + "; " + replica + " holds " + FinalState.describe(held)));
            } else if (!supersession.anySuperseded(put.key(), dots, Long.MAX_VALUE)) {
                out.add(violation("replica " + replica + " dropped acknowledged " + put.describe() + " (minted as " + dots
                        + ") although no client write's context ever covered it; " + replica + " holds " + FinalState.describe(held)));
            }
        }
    }

    private void checkSupersededStayGone(Op write, FinalState state, PowerLosses powerLosses, List<Violation> out) {
        VersionVector seen = write.invocation().context();
        if (seen.isEmpty()) return;
        for (NodeId replica : state.replicasOf(write.key())) {
            KeyState held = state.at(replica, write.key());
            for (Sibling sibling : held.siblings()) {
                // a power loss may undo the supersession: the replicas that stored the write lost it before syncing
                if (seen.contains(sibling.dot()) && !powerLosses.forgotSupersession(write.key(), sibling.dot(), Long.MAX_VALUE)) {
                    out.add(violation("replica " + replica + " still holds version " + sibling.dot() + "="
                            + (sibling.isTombstone() ? "<tombstone>" : FinalState.valueOf(sibling))
                            + " which acknowledged " + write.describe() + " superseded; " + replica + " holds " + FinalState.describe(held)));
                }
            }
        }
    }

    private static boolean holdsAny(KeyState held, List<Dot> dots) {
        for (Sibling s : held.siblings()) {
            if (dots.contains(s.dot())) return true;
        }
        return false;
    }

    private static boolean seenAny(VersionVector context, List<Dot> dots) {
        for (Dot dot : dots) {
            if (context.contains(dot)) return true;
        }
        return false;
    }

    private Violation violation(String explanation) {
        return new Violation(name(), explanation);
    }
}
