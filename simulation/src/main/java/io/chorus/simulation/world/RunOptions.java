package io.chorus.simulation.world;

/**
 * What a run is asked for, beside its seed: the safety phase's length and two exploration modes
 * that are off in the build. Both test promises beyond what the current design keeps, so they are
 * for looking, not for gating:
 *
 * @param safetySeconds  virtual length of the safety phase (faults on)
 * @param powerLoss      a crash may also drop storage writes not yet synced (storage does not fsync)
 * @param lateDuplicates a duplicated peer message may trail the original by up to
 *                       {@link #LATE_DUPLICATE_MAX_MICROS} (a retransmission after a reconnect),
 *                       which the Outbox contract allows
 */
public record RunOptions(int safetySeconds, boolean powerLoss, boolean lateDuplicates) {
    public static final long LATE_DUPLICATE_MAX_MICROS = 10_000_000;

    public RunOptions {
        if (safetySeconds < 1) throw new IllegalArgumentException("the safety phase must last at least 1 virtual second, was " + safetySeconds);
    }

    /** The build's runs: no exploration mode. */
    public static RunOptions standard(int safetySeconds) {
        return new RunOptions(safetySeconds, false, false);
    }

    /** The command-line flags that ask for these options. */
    public String flags() {
        return "--virtual-seconds " + safetySeconds + (powerLoss ? " --power-loss" : "") + (lateDuplicates ? " --late-duplicates" : "");
    }
}
