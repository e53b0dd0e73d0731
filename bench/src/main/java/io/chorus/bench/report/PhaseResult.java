package io.chorus.bench.report;

import io.chorus.bench.run.PhaseMetrics;

import java.util.List;

/**
 * A finished phase: its metrics, how long it measured (warm-up excluded) and its per-second
 * timeline.
 */
public record PhaseResult(String name, PhaseMetrics metrics, double measuredSeconds, List<ProgressSample> timeline) {

    public double opsPerSecond() {
        return measuredSeconds > 0 ? metrics.completedCount() / measuredSeconds : 0;
    }
}
