package io.chorus.bench.run;

import io.chorus.bench.workload.KeyDistribution;
import io.chorus.bench.workload.OperationMix;
import io.chorus.bench.workload.Workload;
import io.chorus.replication.state.Consistency;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code chorus bench} run, fully decided (defaults applied, values checked).
 *
 * @param mix              the run's operation shares: the workload's, or the counter workload's with {@code --read-proportion}
 * @param rateOpsPerSecond open loop at this total rate; 0 for closed loop (as fast as possible)
 * @param opsMax           stop after this many operations, or {@code Long.MAX_VALUE}
 * @param keysMax          key indices available: records plus room for inserts
 * @param durableWrites    every write (put, increment) asks to be acknowledged only once on disk (fsync) on W replicas
 * @param replicationFactor N, only to say whether R+W>N promises fresh reads
 */
public record BenchConfig(
        Workload workload,
        KeyDistribution distribution,
        OperationMix mix,
        long records,
        long keysMax,
        int valueBytes,
        int threads,
        int connections,
        Duration duration,
        Duration warmup,
        long opsMax,
        double rateOpsPerSecond,
        Consistency readLevel,
        Consistency writeLevel,
        boolean durableWrites,
        int replicationFactor,
        boolean load,
        boolean runPhase,
        boolean verify,
        Consistency verifyLevel,
        Duration verifyTimeout,
        Duration requestTimeout,
        String keyPrefix,
        long seed,
        Path jsonFile,
        Path plotFile) {

    public BenchConfig {
        if (records < 1) throw new IllegalArgumentException("--records must be >= 1, got " + records);
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        if (connections < 1) throw new IllegalArgumentException("--connections must be >= 1, got " + connections);
        if (connections > threads) throw new IllegalArgumentException("--connections " + connections + " is more than --threads " + threads);
        if (rateOpsPerSecond < 0) throw new IllegalArgumentException("--rate must be > 0, got " + rateOpsPerSecond);
        if (replicationFactor < 1) throw new IllegalArgumentException("--replication-factor must be >= 1, got " + replicationFactor);
    }

    /** {@code A (zipfian; read 50%, update 50%)}, for the report. */
    public String describeWorkload() {
        return workload + " (" + distribution.name().toLowerCase() + "; " + mix.describe() + ")";
    }

    /** What the run works on, for the report: {@code 1000 counters} or {@code 100000 records of 1000 B}. */
    public String describeData() {
        return workload.counters() ? records + " counters" : records + " records of " + valueBytes + " B";
    }

    /** {@code QUORUM}, or {@code QUORUM durable} when writes ask for fsync, for the report. */
    public String describeWriteLevel() {
        return durableWrites ? writeLevel + " durable" : writeLevel.toString();
    }

    public boolean openLoop() {
        return rateOpsPerSecond > 0;
    }

    /** R + W > N with strict quorums: every read that starts after a write's ack must see it. */
    public boolean promisesFreshReads() {
        return readLevel.required(replicationFactor) + writeLevel.required(replicationFactor) > replicationFactor;
    }

    /** How long the driver waits on one call before counting it as a {@code DriverTimeout}. */
    public long awaitNanos() {
        return requestTimeout.multipliedBy(2).plusSeconds(1).toNanos();
    }
}
