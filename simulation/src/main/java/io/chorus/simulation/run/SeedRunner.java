package io.chorus.simulation.run;

import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.SimWorld;
import io.chorus.simulation.world.Trace;

/** Runs one seed: draws its parameters, builds its world, runs it and judges it. */
public final class SeedRunner {
    private SeedRunner() {
    }

    public static RunResult run(long seed, int safetySeconds, boolean powerLoss, ReplicaFactory factory, Trace trace) {
        RunParameters parameters = RunParameters.draw(seed, safetySeconds, powerLoss);
        return new SimWorld(parameters, factory, trace).run();
    }

    public static RunResult run(long seed, int safetySeconds) {
        return run(seed, safetySeconds, false, ReplicaFactory.PRODUCTION, Trace.OFF);
    }
}
