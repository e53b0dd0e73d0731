package io.chorus.simulation.run;

import java.util.List;
import java.util.Locale;

/** The outcome of many seeds: how many, which failed, how much virtual time and how many ops were checked. */
public record BatchSummary(int seeds, List<Long> failedSeeds, long virtualMicros, long opsChecked, long crdtOpsChecked,
                           long durableWritesAcked, long durableWritesLost, long events, long wallMillis, long sessionReadsChecked,
                           long sessionViolations) {
    public BatchSummary {
        failedSeeds = List.copyOf(failedSeeds);
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
                        + "%.1f s wall clock, %.0f seeds/minute",
                seeds, failedSeeds.size(), failedSeeds.isEmpty() ? "" : " " + failedSeeds, virtualMicros / 1e6, opsChecked, crdtOpsChecked,
                durableWritesAcked, durableWritesLost, sessionReadsChecked, sessionViolations, events,
                wallMillis / 1e3, seedsPerMinute());
    }
}
