package io.chorus.simulation.world;

import io.chorus.simulation.network.PartitionShape;

import java.util.List;

/**
 * The nemesis of the safety phase. A mean interval of 0 switches that fault off for the run (swarm
 * testing: some runs have no partitions at all, which finds bugs that constant faults hide).
 *
 * @param partitionMeanIntervalMicros mean wait before the next partition (0: none)
 * @param partitionMeanMicros         mean time a partition lasts
 * @param partitionShapes             shapes the nemesis picks from
 * @param crashMeanIntervalMicros     mean wait before the next crash (0: none)
 * @param crashedMax                  most nodes down at once
 * @param restartDelayMaxMicros       a crashed node restarts after a uniform delay up to this
 * @param clogMeanIntervalMicros      mean wait before the next clogged link (0: none)
 * @param clogMaxMicros               a clog holds a link's messages for up to this long
 * @param powerLossRate               chance that a crash is a power loss (drops unsynced puts); 0 unless asked for
 * @param syncIntervalMicros          with the power-loss model: how often storage syncs
 */
public record Faults(long partitionMeanIntervalMicros, long partitionMeanMicros, List<PartitionShape> partitionShapes,
                     long crashMeanIntervalMicros, int crashedMax, long restartDelayMaxMicros,
                     long clogMeanIntervalMicros, long clogMaxMicros, double powerLossRate, long syncIntervalMicros) {
    public Faults {
        partitionShapes = List.copyOf(partitionShapes);
        if (partitionMeanIntervalMicros > 0 && partitionShapes.isEmpty()) throw new IllegalArgumentException("partitions on but no shape");
    }

    public boolean powerLossModel() {
        return powerLossRate > 0;
    }

    @Override
    public String toString() {
        String partitions = partitionMeanIntervalMicros == 0 ? "partitions off"
                : "partitions every ~" + seconds(partitionMeanIntervalMicros) + " for ~" + seconds(partitionMeanMicros) + " " + partitionShapes;
        String crashes = crashMeanIntervalMicros == 0 ? "crashes off"
                : "crashes every ~" + seconds(crashMeanIntervalMicros) + " (at most " + crashedMax + " down, restart within " + seconds(restartDelayMaxMicros) + ")";
        String clogs = clogMeanIntervalMicros == 0 ? "clogs off" : "clogs every ~" + seconds(clogMeanIntervalMicros) + " up to " + seconds(clogMaxMicros);
        String power = powerLossRate == 0 ? "power loss off" : "power loss " + Math.round(powerLossRate * 100) + "% of crashes, sync every " + syncIntervalMicros / 1000 + "ms";
        return partitions + "; " + crashes + "; " + clogs + "; " + power;
    }

    static String seconds(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1fs", micros / 1e6);
    }
}
