package io.chorus.torture.nemesis;

import java.util.Locale;

/** A fault applied {@code startMillis} after the faults began, for {@code durationMillis}. */
public record TimedFault(long startMillis, long durationMillis, Fault fault) {
    public long endMillis() {
        return startMillis + durationMillis;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%6.1fs-%6.1fs  %s", startMillis / 1000.0, endMillis() / 1000.0, fault.describe());
    }
}
