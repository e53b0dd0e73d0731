package io.chorus.simulation.network;

/**
 * How the links of a run behave while faults are on.
 *
 * @param latencyMinMicros each link's base latency is drawn once in [min, max]
 * @param latencyMaxMicros see latencyMinMicros
 * @param jitterMeanMicros every message adds an exponential delay with this mean (so messages reorder)
 * @param tailRate         chance that a message is ten times slower (a slow path or retransmit)
 * @param lossRate         chance a message is lost
 * @param duplicateRate    chance a peer message is delivered twice (client connections never duplicate)
 * @param lateDuplicateMaxMicros a duplicate trails the original by up to this much more (0: it does not)
 */
public record LinkModel(long latencyMinMicros, long latencyMaxMicros, long jitterMeanMicros, double tailRate,
                        double lossRate, double duplicateRate, long lateDuplicateMaxMicros) {
    public LinkModel {
        if (latencyMinMicros < 1 || latencyMaxMicros < latencyMinMicros) throw new IllegalArgumentException("bad latency range " + latencyMinMicros + ".." + latencyMaxMicros);
        if (lossRate < 0 || lossRate >= 1 || duplicateRate < 0 || duplicateRate >= 1 || tailRate < 0 || tailRate >= 1) {
            throw new IllegalArgumentException("rates must be in [0, 1): loss " + lossRate + ", duplicate " + duplicateRate + ", tail " + tailRate);
        }
    }
}
