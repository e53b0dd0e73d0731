package io.chorus.simulation.world;

import io.chorus.replication.env.RandomSource;
import io.chorus.simulation.network.PartitionShape;

/**
 * Injects the safety phase's faults: partitions that come and go, crashes (or power losses)
 * followed by restarts, and clogged links. Each kind runs as its own chain of events with
 * exponential gaps. {@link #stop()} ends every chain; the heal then repairs what is left.
 */
final class Nemesis {
    private final SimWorld world;
    private final Faults faults;
    private final RandomSource random;
    private boolean active = true;
    int partitions;
    int crashes;
    int powerLosses;
    int clogs;

    Nemesis(SimWorld world, Faults faults, RandomSource random) {
        this.world = world;
        this.faults = faults;
        this.random = random;
    }

    void start() {
        if (faults.partitionMeanIntervalMicros() > 0) after(faults.partitionMeanIntervalMicros(), this::partition);
        if (faults.crashMeanIntervalMicros() > 0) after(faults.crashMeanIntervalMicros(), this::crash);
        if (faults.clogMeanIntervalMicros() > 0) after(faults.clogMeanIntervalMicros(), this::clog);
    }

    void stop() {
        active = false;
    }

    private void after(long meanMicros, Runnable fault) {
        world.schedule(world.nowMicros() + Draw.exponential(random, meanMicros), () -> {
            if (active) fault.run();
        });
    }

    private void partition() {
        PartitionShape shape = faults.partitionShapes().get(random.nextInt(faults.partitionShapes().size()));
        String description = world.network().partition(shape);
        partitions++;
        world.fault("partition " + description);
        world.schedule(world.nowMicros() + Draw.exponential(random, faults.partitionMeanMicros()), () -> {
            if (!active) return;
            world.network().healPartitions();
            world.fault("partition healed");
            after(faults.partitionMeanIntervalMicros(), this::partition);
        });
    }

    private void crash() {
        after(faults.crashMeanIntervalMicros(), this::crash);
        if (world.downCount() >= faults.crashedMax()) return;
        int node = world.randomUpNode(random);
        boolean powerLoss = random.chance(faults.powerLossRate());
        crashes++;
        if (powerLoss) powerLosses++;
        world.crash(node, powerLoss);
        world.schedule(world.nowMicros() + 1 + (long) Draw.between(random, 0, faults.restartDelayMaxMicros()), () -> {
            if (active) world.restart(node);
        });
    }

    private void clog() {
        after(faults.clogMeanIntervalMicros(), this::clog);
        int nodes = world.nodeCount();
        int from = random.nextInt(nodes);
        int to = (from + 1 + random.nextInt(nodes - 1)) % nodes;
        long until = world.nowMicros() + (long) Draw.between(random, 0, faults.clogMaxMicros());
        world.network().clog(from, to, until);
        clogs++;
        world.fault("clog " + world.nodeId(from) + "->" + world.nodeId(to) + " until " + until);
    }
}
