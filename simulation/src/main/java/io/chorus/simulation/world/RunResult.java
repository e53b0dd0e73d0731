package io.chorus.simulation.world;

import io.chorus.simulation.check.Checker;
import io.chorus.simulation.check.Violation;
import io.chorus.simulation.history.Micros;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one seed's run produced: its parameters, counts for the summary, and the violations the
 * checkers found (empty: the run passed).
 *
 * @param endMicros     virtual time when the run stopped
 * @param opsIndeterminate ops that timed out or were never answered
 * @param crdtOps          of all the ops, those on counter and set keys
 * @param crdtRetried      CRDT updates sent more than once (under one operation id)
 * @param healToConvergenceMicros virtual time from the heal until anti-entropy alone made the replicas identical
 *                         (History.UNSET if they did not before the deadline)
 * @param sessionReads     ok reads, plain and CRDT, that carried a session token (what the session checkers judged)
 * @param sloppyWritesAcked plain writes sent with a sloppy quorum that were acknowledged
 */
public record RunResult(RunParameters parameters, List<Violation> violations, long events, long endMicros,
                        long messagesSent, long messagesDropped, long messagesDuplicated,
                        int opsOk, int opsFailed, int opsIndeterminate, int crdtOps, int crdtRetried,
                        int partitions, int crashes, int powerLosses, int clogs, int durableWritesAcked,
                        long healToConvergenceMicros, int sessionReads, int sloppyWritesAcked) {
    public RunResult {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** Acknowledged durable writes that a replica lost (each is also a violation). */
    public int durableWritesLost() {
        return (int) violations.stream().filter(v -> v.explanation().startsWith(
                io.chorus.simulation.check.AckedWriteDurabilityChecker.DURABLE_WRITE_LOST)).count();
    }

    /** Session reads that went back in time (each is also a violation). */
    public int sessionViolations() {
        return (int) violations.stream().filter(v -> v.checker().equals("session") || v.checker().equals("crdt-session")).count();
    }

    public int opsChecked() {
        return opsOk + opsFailed + opsIndeterminate;
    }

    public String summary() {
        return String.format(Locale.ROOT, "seed %d %s: %d events, %s virtual, messages %d sent / %d dropped / %d duplicated, "
                        + "ops %d ok / %d fail / %d indeterminate (%d on CRDT keys, %d retried), %d session reads, faults %d partitions / %d crashes (%d power losses) / %d clogs, "
                        + "converged %s after heal",
                parameters.seed(), passed() ? "passed" : "FAILED", events, Micros.format(endMicros), messagesSent, messagesDropped,
                messagesDuplicated, opsOk, opsFailed, opsIndeterminate, crdtOps, crdtRetried, sessionReads, partitions, crashes, powerLosses, clogs,
                healToConvergenceMicros < 0 ? "never" : Micros.format(healToConvergenceMicros));
    }

    /** The checkers' explanations, at most {@link Checker#EXPLANATIONS_MAX} per checker, with counts. */
    public String explanation() {
        Map<String, Integer> counts = new TreeMap<>();
        StringBuilder b = new StringBuilder();
        for (Violation v : violations) {
            int seen = counts.merge(v.checker(), 1, Integer::sum);
            if (seen <= Checker.EXPLANATIONS_MAX) b.append("  ").append(v).append('\n');
        }
        counts.forEach((checker, count) -> {
            if (count > Checker.EXPLANATIONS_MAX) b.append("  [").append(checker).append("] ... ").append(count - Checker.EXPLANATIONS_MAX).append(" more\n");
        });
        return b.toString();
    }

    /** The command that replays this run exactly. */
    public String replayCommand() {
        return "./chorus simulate --seed " + parameters.seed() + " " + parameters.options().flags();
    }
}
