package io.chorus.simulation.check;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Counters count every acknowledged increment once, and nothing else (SEMANTICS.md, "CRDT values":
 * a retried operation is applied at most once). Increments are positive, so on each counter key:
 * <ul>
 *   <li>a read returns at most the sum of the increments that may have applied (ok or
 *       indeterminate) invoked before the read ended: more means one was applied twice, or a value
 *       came from nowhere;</li>
 *   <li>a read returns at least the sum of the increments acknowledged before the read began at a
 *       level W with R + W > N (both at most N): one of the R replicas read stored each of them, and
 *       the read merges what its replicas hold. A read at a level with no such overlap promises
 *       nothing (the strict-quorum freshness rule, for counters);</li>
 *   <li>after heal, each replica of the key holds exactly the acknowledged increments plus some of
 *       the indeterminate ones: its value minus the acknowledged sum is a subset-sum of the
 *       indeterminate amounts. That is checked exactly while the subset-sum table is cheap
 *       ({@link SubsetSums#feasible}), else only against its bounds 0 and the indeterminate sum.</li>
 * </ul>
 * Definitely failed increments promise nothing applied and count in no bound. The simulator's
 * clients retry an update under its operation id; the History holds one operation per update
 * whatever its attempts. In the --power-loss mode an acknowledged increment that a power loss made
 * some replica forget ({@link PowerLosses}: storage does not fsync) counts, from then on, as if it
 * were indeterminate: out of the lower bounds, and maybe held after heal.
 */
public final class CounterBoundsChecker implements Checker {
    private static final Consistency[] LEVELS = Consistency.values();

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        TreeMap<Key, List<Op>> byKey = new TreeMap<>();
        for (Op op : history.ops()) {
            if (op.type() == OpType.COUNTER_ADD || op.type() == OpType.COUNTER_READ) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        for (Key key : state.keys()) { // a counter nobody incremented must not exist
            for (NodeId node : state.nodes()) {
                if (state.at(node, key).crdt() instanceof PnCounter) byKey.computeIfAbsent(key, k -> new ArrayList<>());
            }
        }
        PowerLosses powerLosses = new PowerLosses(history);
        List<Violation> violations = new ArrayList<>();
        byKey.forEach((key, ops) -> {
            checkReads(key, ops, state.replicationFactor(), powerLosses, violations);
            if (history.healedMicros() != History.UNSET) checkFinal(key, ops, state, powerLosses, violations);
        });
        return violations;
    }

    /** Increments sorted by a time, with prefix sums of their amounts, to sum "those before t" by binary search. */
    private static final class Timeline {
        final long[] times;
        final long[] prefix; // prefix[i] = sum of the first i amounts

        Timeline(List<Op> increments, boolean byCompletion) {
            List<Op> sorted = new ArrayList<>(increments);
            sorted.sort(Comparator.comparingLong(op -> byCompletion ? op.completedMicros() : op.invokedMicros()));
            times = new long[sorted.size()];
            prefix = new long[sorted.size() + 1];
            for (int i = 0; i < sorted.size(); i++) {
                Op op = sorted.get(i);
                times[i] = byCompletion ? op.completedMicros() : op.invokedMicros();
                prefix[i + 1] = prefix[i] + op.crdt().amount();
            }
        }

        /** Sum of the amounts with time strictly before {@code micros} (or at it, if {@code inclusive}). */
        long sumBefore(long micros, boolean inclusive) {
            int low = 0, high = times.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (times[mid] < micros || inclusive && times[mid] == micros) low = mid + 1; else high = mid;
            }
            return prefix[low];
        }
    }

    /** An acknowledged increment that a power loss made a replica forget, and when it first did. */
    private record Forgotten(Op increment, long atMicros) {
    }

    private void checkReads(Key key, List<Op> ops, int n, PowerLosses powerLosses, List<Violation> out) {
        List<Op> mayHaveApplied = new ArrayList<>();
        List<List<Op>> ackedByLevel = new ArrayList<>();
        List<Forgotten> forgotten = new ArrayList<>();
        for (int i = 0; i < LEVELS.length; i++) ackedByLevel.add(new ArrayList<>());
        for (Op op : ops) {
            if (op.type() != OpType.COUNTER_ADD || !op.mayHaveApplied()) continue;
            mayHaveApplied.add(op);
            if (!op.isOk()) continue;
            ackedByLevel.get(op.invocation().level().ordinal()).add(op);
            long forgottenAt = powerLosses.firstForgotOperation(key, op.crdt().operationId());
            if (forgottenAt != Long.MAX_VALUE) forgotten.add(new Forgotten(op, forgottenAt));
        }
        Timeline invoked = new Timeline(mayHaveApplied, false);
        Timeline[] acked = new Timeline[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) acked[i] = new Timeline(ackedByLevel.get(i), true);
        for (Op read : ops) {
            if (read.type() != OpType.COUNTER_READ || !read.isOk()) continue;
            long value = read.counterRead();
            long upper = invoked.sumBefore(read.completedMicros(), true);
            if (value > upper) {
                out.add(violation(read.describe() + " returned " + value + ", more than the " + upper
                        + " that all increments invoked before it ended add up to (ok or indeterminate ones): an increment counted twice, or a value from nowhere"));
            }
            int r = read.invocation().level().required(n);
            if (r > n) continue;
            long lower = 0;
            StringBuilder levels = new StringBuilder();
            for (Consistency level : LEVELS) {
                int w = level.required(n);
                if (w > n || r + w <= n) continue;
                lower += acked[level.ordinal()].sumBefore(read.invokedMicros(), false);
                levels.append(levels.length() == 0 ? "" : "/").append(level);
            }
            lower -= forgottenBy(read, forgotten, r, n);
            if (value < lower) {
                out.add(violation(read.describe() + " returned " + value + ", less than the " + lower
                        + " that the increments acknowledged at " + levels + " before it began add up to (R=" + r
                        + ", N=" + n + ": each overlaps the read's replicas): an acknowledged increment was missed or lost"));
            }
        }
    }

    /** The increments in the read's lower bound (acknowledged before it began, at a level overlapping it) that a power loss made a replica forget before the read ended. */
    private static long forgottenBy(Op read, List<Forgotten> forgotten, int r, int n) {
        long sum = 0;
        for (Forgotten f : forgotten) {
            int w = f.increment().invocation().level().required(n);
            if (w <= n && r + w > n && f.increment().completedMicros() < read.invokedMicros() && f.atMicros() < read.completedMicros()) {
                sum += f.increment().crdt().amount();
            }
        }
        return sum;
    }

    private void checkFinal(Key key, List<Op> ops, FinalState state, PowerLosses powerLosses, List<Violation> out) {
        long acked = 0;
        List<Long> indeterminate = new ArrayList<>();
        for (Op op : ops) {
            if (op.type() != OpType.COUNTER_ADD) continue;
            boolean forgotten = powerLosses.forgotOperation(key, op.crdt().operationId(), Long.MAX_VALUE);
            if (op.outcome() == Outcome.OK && !forgotten) acked += op.crdt().amount();
            else if (op.outcome() != Outcome.FAIL) indeterminate.add(op.crdt().amount());
        }
        long[] amounts = indeterminate.stream().mapToLong(Long::longValue).toArray();
        long indeterminateSum = SubsetSums.sum(amounts);
        SubsetSums sums = SubsetSums.feasible(amounts) ? SubsetSums.of(amounts) : null;
        for (NodeId replica : state.replicasOf(key)) {
            KeyState held = state.at(replica, key);
            Crdt<?> crdt = held.crdt();
            if (held.hasLiveValues() || crdt != null && !(crdt instanceof PnCounter)) {
                out.add(violation("after heal, " + replica + " holds " + key + " as " + (crdt == null ? "plain values" : "a " + crdt.type().displayName())
                        + ", not a counter"));
                continue;
            }
            long value = crdt == null ? 0 : ((PnCounter) crdt).value();
            long extra = value - acked;
            String tally = "after heal, " + replica + " holds " + key + " = " + value + "; acknowledged increments add up to " + acked
                    + ", and " + amounts.length + " indeterminate ones to " + indeterminateSum;
            if (extra < 0) {
                out.add(violation(tally + ": acknowledged increments were lost"));
            } else if (extra > indeterminateSum) {
                out.add(violation(tally + ": more than all of them, so an increment counted twice, or a value came from nowhere"));
            } else if (sums != null && !sums.reachable(extra)) {
                out.add(violation(tally + ": no subset of the indeterminate increments " + shortList(amounts) + " adds up to the "
                        + extra + " beyond the acknowledged, so some increment counted twice or partly"));
            }
        }
    }

    private static String shortList(long[] amounts) {
        if (amounts.length <= 20) return Arrays.toString(amounts);
        return Arrays.toString(Arrays.copyOf(amounts, 20)).replace("]", ", ... " + (amounts.length - 20) + " more]");
    }

    private Violation violation(String explanation) {
        return new Violation(name(), explanation);
    }
}
