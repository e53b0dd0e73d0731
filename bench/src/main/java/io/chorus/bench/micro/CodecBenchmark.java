package io.chorus.bench.micro;

import io.chorus.replication.state.Consistency;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.Put;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client path through the codec: a put request and a read reply with siblings, encoded and
 * decoded (every message crosses it twice per hop). Short settings so that {@code chorus bench
 * micro} finishes in about a minute on 2 cores; pass JMH options for longer runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"100", "1000"})
    int valueBytes;

    private Codec codec;
    private Message put;
    private Message reply;
    private byte[] encodedPut;
    private byte[] encodedReply;

    @Setup
    public void setUp() {
        codec = new Codec(); // not thread-safe: one per benchmark thread, as in a node
        byte[] context = CausalContext.encode(VersionVector.of(Map.of("n1", 17L, "n2", 4L, "n3", 9L)));
        put = new ClientFrame(42, new Put(Key.of("user123456"), new byte[valueBytes], context, Consistency.QUORUM.code(), false));
        reply = new ClientReply(42, new GetResult(new byte[][]{new byte[valueBytes], new byte[valueBytes]}, context));
        encodedPut = codec.encode(put);
        encodedReply = codec.encode(reply);
    }

    @Benchmark
    public byte[] encodePut() {
        return codec.encode(put);
    }

    @Benchmark
    public Message decodePut() {
        return codec.decode(encodedPut);
    }

    @Benchmark
    public byte[] encodeReplyWithTwoSiblings() {
        return codec.encode(reply);
    }

    @Benchmark
    public Message decodeReplyWithTwoSiblings() {
        return codec.decode(encodedReply);
    }
}
