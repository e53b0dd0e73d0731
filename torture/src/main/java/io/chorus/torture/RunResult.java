package io.chorus.torture;

import io.chorus.simulation.check.Violation;
import io.chorus.simulation.history.Op;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run found: its seed, the faults applied, the ops by kind and outcome, and each checker's
 * verdict; the directory with the history and node logs when it was kept.
 *
 * @param verdicts checker name to its violations (empty: valid), in checker order; "harness" holds
 *                 the harness's own failures (a node that would not start, an unreadable watch log)
 */
public record RunResult(long seed, List<String> schedule, List<String> nemesisLog, List<Op> ops,
                        Map<String, List<Violation>> verdicts, Path runDir, boolean kept, long elapsedMillis) {
    public RunResult {
        schedule = List.copyOf(schedule);
        nemesisLog = List.copyOf(nemesisLog);
        ops = List.copyOf(ops);
        verdicts = new LinkedHashMap<>(verdicts);
    }

    public boolean valid() {
        return verdicts.values().stream().allMatch(List::isEmpty);
    }

    /** Violations of every checker, the harness's included. */
    public int violationCount() {
        return verdicts.values().stream().mapToInt(List::size).sum();
    }

    /** "GET OK" to count, sorted. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Op op : ops) counts.merge(op.type() + " " + op.outcome(), 1, Integer::sum);
        return counts;
    }

    public void print(PrintStream out) {
        out.println("  faults applied (seconds since the faults began):");
        for (String line : nemesisLog) out.println("    " + line);
        out.println("seed " + seed + ": " + ops.size() + " ops checked in " + elapsedMillis / 1000 + " s");
        StringBuilder line = new StringBuilder("  ops:");
        opCounts().forEach((kind, count) -> line.append(' ').append(kind.replace(' ', ':')).append('=').append(count));
        out.println(line);
        for (Map.Entry<String, List<Violation>> verdict : verdicts.entrySet()) {
            List<Violation> found = verdict.getValue();
            out.println("  " + String.format("%-12s", verdict.getKey()) + (found.isEmpty() ? "valid" : found.size() + " violation(s)"));
            for (Violation v : found.subList(0, Math.min(found.size(), 5))) out.println("      " + v.explanation());
        }
        out.println("  verdict: " + (valid() ? "VALID" : "INVALID") + (kept ? " (history and node logs kept in " + runDir + ")" : ""));
    }
}
