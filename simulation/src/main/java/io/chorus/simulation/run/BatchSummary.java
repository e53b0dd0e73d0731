package io.chorus.simulation.run;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of many seeds: how many, which failed, how much virtual time and how many ops were
 * checked, and how long after the heal anti-entropy alone made the replicas identical (virtual time,
 * one figure per seed that converged).
 */
public record BatchSummary(int seeds, List<Long> failedSeeds, long virtualMicros, long opsChecked, long crdtOpsChecked,
                           long durableWritesAcked, long durableWritesLost, long events, long wallMillis,
                           List<Long> healToConvergenceMicros, long sessionReadsChecked, long sessionViolations) {
    public BatchSummary {
        failedSeeds = List.copyOf(failedSeeds);
        healToConvergenceMicros = healToConvergenceMicros.stream().sorted().toList();
    }

    /** The p-th percentile (nearest rank) of the heal-to-convergence times, in virtual micros; 0 if none converged. */
    public long healToConvergencePercentileMicros(double p) {
        if (healToConvergenceMicros.isEmpty()) return 0;
        int rank = (int) Math.ceil(p / 100 * healToConvergenceMicros.size());
        return healToConvergenceMicros.get(Math.max(0, Math.min(healToConvergenceMicros.size() - 1, rank - 1)));
    }

    public boolean passed() {
        return failedSeeds.isEmpty();
    }

    public double seedsPerMinute() {
        return wallMillis == 0 ? 0 : seeds * 60_000.0 / wallMillis;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d seeds, %d failed%s; %.0f virtual seconds covered, %d ops checked (%d on CRDT keys), "
                        + "%d durable writes acknowledged, %d lost, %d session reads checked, %d violations, %d events; "
                        + "heal to convergence (virtual, %d seeds) p50 %.1f s, p99 %.1f s, max %.1f s; "
                        + "%.1f s wall clock, %.0f seeds/minute",
                seeds, failedSeeds.size(), failedSeeds.isEmpty() ? "" : " " + failedSeeds, virtualMicros / 1e6, opsChecked, crdtOpsChecked,
                durableWritesAcked, durableWritesLost, sessionReadsChecked, sessionViolations, events,
                healToConvergenceMicros.size(), healToConvergencePercentileMicros(50) / 1e6, healToConvergencePercentileMicros(99) / 1e6,
                healToConvergencePercentileMicros(100) / 1e6,
                wallMillis / 1e3, seedsPerMinute());
    }
}
