package io.chorus.simulation.world;

/**
 * What a run is asked for, beside its seed: the safety phase's length, two exploration modes that
 * are off in the build, and whether CRDT clients may run. The exploration modes test promises
 * beyond what the current design keeps, so they are for looking, not for gating:
 *
 * @param safetySeconds  virtual length of the safety phase (faults on)
 * @param powerLoss      a crash may also drop storage writes not yet synced (storage does not fsync)
 * @param lateDuplicates a duplicated peer message may trail the original by up to
 *                       {@link #LATE_DUPLICATE_MAX_MICROS} (a retransmission after a reconnect),
 *                       which the Outbox contract allows
 * @param noCrdt         no CRDT clients, whatever the seed draws: the run as it was before they
 *                       existed, so that regression seeds found then keep replaying the run that
 *                       found their bug (the parameters are the same; CRDT traffic changes the run)
 * @param noClientReads  clients write but never read during the safety phase (a read they draw becomes a
 *                       write), so that read repair cannot be what brings a replica back after heal
 */
public record RunOptions(int safetySeconds, boolean powerLoss, boolean lateDuplicates, boolean noCrdt, boolean noClientReads) {
    public static final long LATE_DUPLICATE_MAX_MICROS = 10_000_000;

    public RunOptions {
        if (safetySeconds < 1) throw new IllegalArgumentException("the safety phase must last at least 1 virtual second, was " + safetySeconds);
    }

    public RunOptions(int safetySeconds, boolean powerLoss, boolean lateDuplicates) {
        this(safetySeconds, powerLoss, lateDuplicates, false);
    }

    public RunOptions(int safetySeconds, boolean powerLoss, boolean lateDuplicates, boolean noCrdt) {
        this(safetySeconds, powerLoss, lateDuplicates, noCrdt, false);
    }

    /** These options with client reads off during the safety phase. */
    public RunOptions withoutClientReads() {
        return new RunOptions(safetySeconds, powerLoss, lateDuplicates, noCrdt, true);
    }

    /** The build's runs: no exploration mode, CRDT clients as drawn. */
    public static RunOptions standard(int safetySeconds) {
        return new RunOptions(safetySeconds, false, false, false, false);
    }

    /** The command-line flags that ask for these options. */
    public String flags() {
        return "--virtual-seconds " + safetySeconds + (powerLoss ? " --power-loss" : "") + (lateDuplicates ? " --late-duplicates" : "")
                + (noCrdt ? " --no-crdt" : "") + (noClientReads ? " --no-client-reads" : "");
    }
}
