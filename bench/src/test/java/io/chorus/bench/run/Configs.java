package io.chorus.bench.run;

import io.chorus.bench.workload.KeyDistribution;
import io.chorus.bench.workload.OperationMix;
import io.chorus.bench.workload.Workload;
import io.chorus.replication.state.Consistency;

import java.time.Duration;

/** Small, op-count-bounded configurations for driver tests (no time bound: the tests never race a clock). */
final class Configs {
    private Configs() {
    }

    static BenchConfig of(Workload workload, long records, int threads, long ops, Consistency read, Consistency write) {
        return new BenchConfig(workload, workload.defaultDistribution(), workload.mix(), records, records + 100_000, 64, threads, 1,
                Duration.ZERO, Duration.ZERO, ops, 0, read, write, false, 3, true, true, true, Consistency.ALL,
                Duration.ZERO, Duration.ofSeconds(5), workload.defaultKeyPrefix(), 42, null, null);
    }

    static BenchConfig withDistribution(BenchConfig c, KeyDistribution d) {
        return with(c, d, c.mix(), c.load());
    }

    static BenchConfig withMix(BenchConfig c, OperationMix mix) {
        return with(c, c.distribution(), mix, c.load());
    }

    static BenchConfig withoutLoad(BenchConfig c) {
        return with(c, c.distribution(), c.mix(), false);
    }

    private static BenchConfig with(BenchConfig c, KeyDistribution d, OperationMix mix, boolean load) {
        return new BenchConfig(c.workload(), d, mix, c.records(), c.keysMax(), c.valueBytes(), c.threads(), c.connections(),
                c.duration(), c.warmup(), c.opsMax(), c.rateOpsPerSecond(), c.readLevel(), c.writeLevel(),
                c.durableWrites(), c.replicationFactor(), load, c.runPhase(), c.verify(), c.verifyLevel(), c.verifyTimeout(),
                c.requestTimeout(), c.keyPrefix(), c.seed(), c.jsonFile(), c.plotFile());
    }
}
