package io.chorus.bench.micro;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.CausalContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Version vectors as the replica and the checker use them: merge, descends (the freshness test),
 * adding a dot, and the context's wire form. Sized by the number of actors (nodes that minted).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class VersionVectorBenchmark {
    @Param({"3", "12"})
    int actors;

    private VersionVector left;
    private VersionVector right;
    private byte[] encoded;
    private Dot next;

    @Setup
    public void setUp() {
        TreeMap<String, Long> a = new TreeMap<>();
        TreeMap<String, Long> b = new TreeMap<>();
        for (int i = 0; i < actors; i++) {
            a.put("n" + i, 100L + i);
            b.put("n" + i, 100L + (i % 2 == 0 ? 2 * i : 0)); // concurrent: neither descends the other
        }
        left = VersionVector.of(a);
        right = VersionVector.of(b);
        encoded = CausalContext.encode(left);
        next = left.nextDot("n0");
    }

    @Benchmark
    public VersionVector merge() {
        return left.merge(right);
    }

    @Benchmark
    public boolean descends() {
        return left.descends(right);
    }

    @Benchmark
    public VersionVector withDot() {
        return left.with(next);
    }

    @Benchmark
    public byte[] encodeContext() {
        return CausalContext.encode(left);
    }

    @Benchmark
    public VersionVector decodeContext() {
        return CausalContext.decode(encoded);
    }
}
