package io.chorus.simulation.run;

import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.SimWorld;
import io.chorus.simulation.world.Trace;

/** Runs one seed: draws its parameters, builds its world, runs it and judges it. */
public final class SeedRunner {
    private SeedRunner() {
    }

    public static RunResult run(long seed, RunOptions options, ReplicaFactory factory, Trace trace) {
        return run(RunParameters.draw(seed, options), factory, trace);
    }

    /** Runs parameters a test adjusted (say, with CRDT clients forced on); they still name their seed. */
    public static RunResult run(RunParameters parameters, ReplicaFactory factory, Trace trace) {
        return new SimWorld(parameters, factory, trace).run();
    }

    public static RunResult run(long seed, int safetySeconds) {
        return run(seed, RunOptions.standard(safetySeconds));
    }

    public static RunResult run(long seed, RunOptions options) {
        return run(seed, options, ReplicaFactory.PRODUCTION, Trace.OFF);
    }
}
