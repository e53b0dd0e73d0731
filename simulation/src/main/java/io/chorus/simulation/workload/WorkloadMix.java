package io.chorus.simulation.workload;

/**
 * What the simulated clients do.
 *
 * @param clients              how many clients run concurrently (each has one op in flight)
 * @param keys                 size of the key space (small, so that writes conflict)
 * @param getWeight            relative frequency of gets
 * @param putWeight            relative frequency of puts
 * @param deleteWeight         relative frequency of deletes
 * @param contextWriteBackRate chance that a write carries the context of the client's last read of the key
 * @param reads                consistency levels of gets
 * @param writes               consistency levels of puts and deletes
 * @param thinkMeanMicros      mean pause between a completion and the next invocation
 * @param clientTimeoutMicros  a client gives up on an answer after this long: the op is indeterminate
 */
public record WorkloadMix(int clients, int keys, int getWeight, int putWeight, int deleteWeight,
                          double contextWriteBackRate, LevelMix reads, LevelMix writes, long thinkMeanMicros,
                          long clientTimeoutMicros, double sloppyWriteRate) {
    /** A mix whose writes all use strict quorums (as every run did before sloppy quorums existed). */
    public WorkloadMix(int clients, int keys, int getWeight, int putWeight, int deleteWeight, double contextWriteBackRate,
                       LevelMix reads, LevelMix writes, long thinkMeanMicros, long clientTimeoutMicros) {
        this(clients, keys, getWeight, putWeight, deleteWeight, contextWriteBackRate, reads, writes, thinkMeanMicros,
                clientTimeoutMicros, 0);
    }

    /** The same with {@code rate} of the plain writes asking for a sloppy quorum (fallbacks' hint acks count). */
    public WorkloadMix withSloppyWriteRate(double rate) {
        return new WorkloadMix(clients, keys, getWeight, putWeight, deleteWeight, contextWriteBackRate, reads, writes, thinkMeanMicros,
                clientTimeoutMicros, rate);
    }

    public WorkloadMix {
        if (sloppyWriteRate < 0 || sloppyWriteRate > 1) throw new IllegalArgumentException("sloppy write rate " + sloppyWriteRate + " is outside 0..1");
        if (clients < 1 || keys < 1) throw new IllegalArgumentException("need a client and a key: " + clients + ", " + keys);
        if (getWeight < 0 || putWeight < 0 || deleteWeight < 0 || getWeight + putWeight + deleteWeight == 0) {
            throw new IllegalArgumentException("op weights must be non-negative with one positive");
        }
    }

    @Override
    public String toString() {
        return "clients " + clients + ", keys " + keys + ", get:put:delete " + getWeight + ":" + putWeight + ":" + deleteWeight
                + ", write-back " + Math.round(contextWriteBackRate * 100) + "%, think " + thinkMeanMicros / 1000 + "ms"
                + ", client timeout " + clientTimeoutMicros / 1000 + "ms; reads " + reads + "; writes " + writes
                + (sloppyWriteRate > 0 ? "; sloppy writes " + Math.round(sloppyWriteRate * 100) + "%" : "");
    }
}
