package io.chorus.bench.report;

import io.chorus.bench.run.BenchConfig;
import io.chorus.bench.run.PhaseMetrics;
import io.chorus.bench.run.Verifier;
import io.chorus.bench.workload.OpType;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;

/** The table printed at the end of a run, with the checks' verdicts beside the throughput. */
public final class Summary {
    private static final String HEADER = String.format("%-8s %10s %10s %9s %9s %9s %9s %9s %9s %8s",
            "op", "count", "ops/s", "mean ms", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors");

    private Summary() {
    }

    public static void print(BenchResult result, PrintStream out) {
        BenchConfig c = result.config();
        out.println();
        out.printf("== chorus bench: %s, workload %s, %s, %d threads, %d connection(s), %s%n",
                result.target(), c.describeWorkload(), c.describeData(), c.threads(), c.connections(),
                c.openLoop() ? String.format("open loop at %.0f ops/s", c.rateOpsPerSecond()) : "closed loop");
        boolean counters = c.workload().counters();
        if (result.load() != null) phase(result.load(), counters ? "read " + c.verifyLevel() : "write " + c.describeWriteLevel(), !counters, out);
        if (result.run() != null) phase(result.run(), "read " + c.readLevel() + ", write " + c.describeWriteLevel(), !counters, out);
        checks(result, out);
    }

    /** @param valueReads whether reads return values, so that "found nothing" means something (a counter reads 0) */
    private static void phase(PhaseResult phase, String levels, boolean valueReads, PrintStream out) {
        PhaseMetrics m = phase.metrics();
        out.printf("%n%s: %.1f s measured, %.0f ops/s, %s%n", phase.name(), phase.measuredSeconds(), phase.opsPerSecond(), levels);
        out.println(HEADER);
        for (OpType t : m.types()) {
            out.println(row(t.label(), m.totalResponse(t), phase.measuredSeconds(), m.errors(t)));
        }
        if (m.keepsServiceTime()) {
            out.println("(latency from each operation's intended start; service time from the actual send:)");
            for (OpType t : m.types()) out.println(row(t.label() + "*", m.totalService(t), phase.measuredSeconds(), m.errors(t)));
        }
        out.printf("errors: %d (%s)%s%n", m.errorCount(), Format.counts(m.errorsByKind()),
                valueReads ? "; reads that found nothing: " + m.notFoundCount() : "");
    }

    static String row(String label, Histogram h, double seconds, long errors) {
        if (h.getTotalCount() == 0) {
            return String.format("%-8s %10d %10s %9s %9s %9s %9s %9s %9s %8d", label, 0, "0", "-", "-", "-", "-", "-", "-", errors);
        }
        return String.format("%-8s %10d %10.0f %9s %9s %9s %9s %9s %9s %8d", label, h.getTotalCount(),
                seconds > 0 ? h.getTotalCount() / seconds : 0, Format.millis(h.getMean()),
                Format.millis(h.getValueAtPercentile(50)), Format.millis(h.getValueAtPercentile(90)),
                Format.millis(h.getValueAtPercentile(99)), Format.millis(h.getValueAtPercentile(99.9)),
                Format.millis(h.getMaxValue()), errors);
    }

    private static void checks(BenchResult result, PrintStream out) {
        BenchConfig c = result.config();
        int n = c.replicationFactor();
        int r = c.readLevel().required(n);
        int w = c.writeLevel().required(n);
        out.println();
        out.printf("stale reads%s: %d of %d checked reads (R+W %s N: %d+%d %s %d%s)%n",
                c.workload().counters() ? " (below the increments acknowledged before the read)" : "", result.staleReads(), result.checkedReads(),
                c.promisesFreshReads() ? ">" : "<=", r, w, c.promisesFreshReads() ? ">" : "<=", n,
                c.promisesFreshReads() ? ", so it must be 0" : ", so stale reads are allowed");
        for (String example : result.staleExamples()) out.println("  stale: " + example);
        if (result.frontierTrims() > 0) {
            out.printf("  (the checker forgot %d concurrent writes past its per-key bound; reads were checked against the rest)%n",
                    result.frontierTrims());
        }
        Verifier.Result v = result.verification();
        if (v == null) {
            out.println(result.interrupted() ? "verification: skipped (the run was interrupted)" : "verification: skipped (--no-verify)");
        } else if (v.counters() != null) {
            counterVerification(v, c, out);
        } else if (v.allVerified()) {
            out.printf("verification: all acknowledged writes verified (%d writes, %d keys read back at %s)%n",
                    v.acknowledgedWrites(), v.keysRead(), v.level());
        } else {
            out.printf("verification: FAILED: of %d keys read back at %s, %d miss an acknowledged write and %d could not be read (%d rounds)%n",
                    v.keysRead(), v.level(), v.missingKeys(), v.errorKeys(), v.rounds());
            for (String example : v.examples()) out.println("  " + example);
        }
        out.println(result.interrupted() ? "result: INTERRUPTED" : result.passed() ? "result: PASS" : "result: FAIL");
    }

    private static void counterVerification(Verifier.Result v, BenchConfig c, PrintStream out) {
        Verifier.CounterTotals t = v.counters();
        String increments = String.format("%d increments acknowledged; %d indeterminate, of which %d counted", v.acknowledgedWrites(),
                t.indeterminate(), t.indeterminateApplied());
        if (v.allVerified()) {
            out.printf("verification: all %d counters incremented hold start + acknowledged increments (%s), read back at %s%n",
                    v.keysRead(), increments, v.level());
        } else {
            out.printf("verification: FAILED: of %d counters read back at %s, %d are outside [start + acknowledged, + indeterminate]"
                    + " and %d could not be read (%d rounds; %s)%n", v.keysRead(), v.level(), v.missingKeys(), v.errorKeys(), v.rounds(), increments);
            for (String example : v.examples()) out.println("  " + example);
            if (!c.load()) out.println("  (the load was skipped, so every counter was taken to start at 0)");
        }
        if (t.countersSkipped() > 0) {
            out.printf("  (%d counters incremented were not checked: the load could not read their start)%n", t.countersSkipped());
        }
    }
}
