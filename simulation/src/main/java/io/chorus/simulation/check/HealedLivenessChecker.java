package io.chorus.simulation.check;

import io.chorus.replication.message.ErrorKind;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Micros;
import io.chorus.simulation.history.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * Liveness on the healed cluster: once every link is up and every node running, the replicas must
 * converge with no client traffic (anti-entropy) before a deadline; every operation invoked in the
 * liveness window that follows must succeed; and after it the replicas must settle again before a
 * second deadline. Two refusals are part of the contract even on a
 * healthy cluster and are not counted: a level needing more replicas than N (it can never succeed),
 * and TooManySiblings (the client must resolve siblings first).
 */
public final class HealedLivenessChecker implements Checker {
    @Override
    public String name() {
        return "liveness";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        List<Violation> violations = new ArrayList<>();
        if (history.livenessFromMicros() != History.UNSET) {
            for (Op op : history.ops()) {
                if (op.invokedMicros() < history.livenessFromMicros() || op.invokedMicros() >= history.livenessUntilMicros()) continue;
                if (op.isOk() || excused(op, state.replicationFactor())) continue;
                violations.add(new Violation(name(), "on the healed cluster (liveness window from "
                        + Micros.format(history.livenessFromMicros()) + ") an op did not succeed: " + op.describe()));
            }
        }
        if (history.convergenceDeadlineMicros() != History.UNSET && history.convergedMicros() == History.UNSET) {
            violations.add(new Violation(name(), "with no client traffic, replicas did not converge by the deadline "
                    + Micros.format(history.convergenceDeadlineMicros()) + " (healed at " + Micros.format(history.healedMicros()) + ")"));
        }
        if (history.settleDeadlineMicros() != History.UNSET && history.settledMicros() == History.UNSET) {
            violations.add(new Violation(name(), "replicas did not agree again by " + Micros.format(history.settleDeadlineMicros())
                    + " after the liveness window ended at " + Micros.format(history.livenessUntilMicros())));
        }
        return violations;
    }

    private static boolean excused(Op op, int n) {
        if (op.invocation().level().required(n) > n) return true;
        return op.completion() != null && op.completion().errorKind() == ErrorKind.TOO_MANY_SIBLINGS;
    }
}
