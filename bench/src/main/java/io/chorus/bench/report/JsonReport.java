package io.chorus.bench.report;

import io.chorus.bench.run.BenchConfig;
import io.chorus.bench.run.PhaseMetrics;
import io.chorus.bench.run.Verifier;
import io.chorus.bench.workload.OpType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --json FILE}: the run's configuration, per-phase results, the HdrHistogram percentile
 * distribution of every operation type (as {@code [percentile, ms, count]} rows, the data of a
 * latency-percentile plot), the per-second timeline and the checks. Latencies are in milliseconds.
 */
public final class JsonReport {
    /** Percentile rows per halving of the distance to 100% (HdrHistogram's usual output uses 5). */
    static final int TICKS_PER_HALF_DISTANCE = 5;

    private JsonReport() {
    }

    public static void write(BenchResult result, Path file) throws IOException {
        Files.writeString(file, toJson(result), StandardCharsets.UTF_8);
    }

    public static String toJson(BenchResult result) {
        Json j = new Json().beginObject();
        j.member("tool", "chorus bench").member("target", result.target());
        config(j.name("config"), result.config());
        j.name("phases").beginObject();
        if (result.load() != null) phase(j.name("load"), result.load());
        if (result.run() != null) phase(j.name("run"), result.run());
        j.endObject();
        checks(j.name("checks"), result);
        j.member("interrupted", result.interrupted());
        j.member("passed", result.passed());
        return j.endObject().toString();
    }

    private static void config(Json j, BenchConfig c) {
        j.beginObject()
                .member("workload", c.workload().name())
                .member("distribution", c.distribution().name().toLowerCase());
        j.name("operations").beginObject();
        for (OpType t : c.mix().types()) j.member(t.label(), c.mix().share(t));
        j.endObject()
                .member("records", c.records())
                .member("keyPrefix", c.keyPrefix())
                .member("valueBytes", c.valueBytes())
                .member("threads", c.threads())
                .member("connections", c.connections())
                .member("durationSeconds", c.duration().toMillis() / 1000.0)
                .member("warmupSeconds", c.warmup().toMillis() / 1000.0)
                .member("opsMax", c.opsMax() == Long.MAX_VALUE ? -1 : c.opsMax())
                .member("loop", c.openLoop() ? "open" : "closed")
                .member("rateOpsPerSecond", c.rateOpsPerSecond())
                .member("readConsistency", c.readLevel().name())
                .member("writeConsistency", c.writeLevel().name())
                .member("durableWrites", c.durableWrites())
                .member("replicationFactor", c.replicationFactor())
                .member("load", c.load())
                .member("seed", c.seed())
                .endObject();
    }

    private static void phase(Json j, PhaseResult p) {
        PhaseMetrics m = p.metrics();
        j.beginObject()
                .member("measuredSeconds", p.measuredSeconds())
                .member("opsPerSecond", p.opsPerSecond())
                .member("errors", m.errorCount())
                .member("readsNotFound", m.notFoundCount());
        j.name("errorsByKind").beginObject();
        m.errorsByKind().forEach(j::member);
        j.endObject();
        j.name("ops").beginObject();
        for (OpType t : m.types()) {
            j.name(t.label()).beginObject();
            Histogram h = m.totalResponse(t);
            summary(j, h, p.measuredSeconds());
            j.member("errors", m.errors(t));
            distribution(j.name("distribution"), h);
            if (m.keepsServiceTime()) distribution(j.name("serviceTimeDistribution"), m.totalService(t));
            j.endObject();
        }
        j.endObject();
        timeline(j.name("timeline"), p);
        j.endObject();
    }

    private static void summary(Json j, Histogram h, double seconds) {
        j.member("count", h.getTotalCount()).member("opsPerSecond", seconds > 0 ? h.getTotalCount() / seconds : 0);
        if (h.getTotalCount() == 0) return;
        j.member("meanMs", h.getMean() / 1000.0)
                .member("p50Ms", h.getValueAtPercentile(50) / 1000.0)
                .member("p90Ms", h.getValueAtPercentile(90) / 1000.0)
                .member("p99Ms", h.getValueAtPercentile(99) / 1000.0)
                .member("p999Ms", h.getValueAtPercentile(99.9) / 1000.0)
                .member("maxMs", h.getMaxValue() / 1000.0);
    }

    /** The percentile distribution, as HdrHistogram's outputPercentileDistribution would list it. */
    static void distribution(Json j, Histogram h) {
        j.beginArray();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
                j.beginArray()
                        .value(v.getPercentileLevelIteratedTo())
                        .value(h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0)
                        .value(v.getTotalCountToThisValue())
                        .endArray();
            }
        }
        j.endArray();
    }

    private static void timeline(Json j, PhaseResult p) {
        j.beginArray();
        for (ProgressSample s : p.timeline()) {
            j.beginObject().member("elapsedSeconds", s.elapsedSeconds()).member("warmup", s.warmup())
                    .member("opsPerSecond", s.opsPerSecond()).member("errors", s.errorsTotal()).member("staleReads", s.staleTotal());
            for (ProgressSample.TypeSample t : s.types()) {
                j.name(t.type().label()).beginObject().member("count", t.count())
                        .member("p50Ms", t.p50Micros() / 1000.0).member("p99Ms", t.p99Micros() / 1000.0).endObject();
            }
            j.endObject();
        }
        j.endArray();
    }

    private static void checks(Json j, BenchResult r) {
        j.beginObject()
                .member("checkedReads", r.checkedReads())
                .member("staleReads", r.staleReads())
                .member("freshReadsPromised", r.config().promisesFreshReads())
                .member("checkerFrontierTrims", r.frontierTrims());
        j.name("staleExamples").beginArray();
        r.staleExamples().forEach(j::value);
        j.endArray();
        Verifier.Result v = r.verification();
        if (v == null) {
            j.name("verification").value((String) null);
        } else {
            j.name("verification").beginObject()
                    .member("allVerified", v.allVerified())
                    .member("consistency", v.level().name())
                    .member("acknowledgedWrites", v.acknowledgedWrites())
                    .member("keysRead", v.keysRead())
                    .member("missingKeys", v.missingKeys())
                    .member("errorKeys", v.errorKeys())
                    .member("rounds", v.rounds());
            Verifier.CounterTotals t = v.counters();
            if (t != null) {
                j.member("indeterminateIncrements", t.indeterminate()).member("indeterminateCounted", t.indeterminateApplied())
                        .member("countersSkipped", t.countersSkipped());
            }
            j.name("examples").beginArray();
            v.examples().forEach(j::value);
            j.endArray().endObject();
        }
        j.endObject();
    }
}
