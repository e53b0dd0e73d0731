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
        RunParameters parameters = RunParameters.draw(seed, options);
        return new SimWorld(parameters, factory, trace).run();
    }

    public static RunResult run(long seed, int safetySeconds) {
        return run(seed, RunOptions.standard(safetySeconds), ReplicaFactory.PRODUCTION, Trace.OFF);
    }
}
