package io.chorus.node.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.node.net.FuzzChannels;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.ContextSeal;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.Message;
import io.chorus.replication.state.Key;
import io.chorus.node.support.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of every decoder a remote party reaches: raw connection bytes
 * (the greeting, and what follows one the fuzzer gets right), raw bytes and frames of a welcomed
 * client, a peer's frames after its greeting (a frame before the greeting is refused), the
 * message codec with its CRDT operations and key states, CRDT payloads and causal contexts. Every
 * bad input must end as a {@link CodecException} / IllegalArgumentException, an InvalidRequest (or
 * Overloaded) reply or a closed connection: never another exception, and never an allocation out
 * of proportion to the input. Under plain {@code mvn test} each target replays its inputs in
 * {@code src/test/resources/.../DecoderFuzzTestInputs/<target>/} (regression mode); {@code ./chorus
 * fuzz --target T --duration 10m} fuzzes one target (JAZZER_FUZZ=1), and a crash it finds is saved
 * there as a new regression input.
 */
class DecoderFuzzTest {
    /** Decoding may allocate this much beyond 64 bytes per input byte (Kryo's buffers, the objects made). */
    private static final long ALLOCATION_ALLOWANCE_BYTES = 1 << 20;
    private static final Codec CODEC = new Codec();
    private static final Key KEY = Key.of("k");

    static { // class loading and crypto provider set-up allocate once; measure decoding, not that
        byte[][] warmUps = {new byte[0], {1}, {2, 1, 1, 'a', 1}, {0, 0, 0, 0}, new byte[64]};
        for (byte[] bytes : warmUps) {
            try { CODEC.decode(bytes); } catch (CodecException ignored) { /* warm-up */ }
            try { CrdtCodec.decode(bytes); } catch (IllegalArgumentException ignored) { /* warm-up */ }
            try { CausalContext.decode(bytes); } catch (IllegalArgumentException ignored) { /* warm-up */ }
            try { ContextSeal.UNCONFIGURED.open(KEY, bytes); } catch (IllegalArgumentException ignored) { /* warm-up */ }
        }
        ContextSeal.UNCONFIGURED.open(KEY, ContextSeal.UNCONFIGURED.seal(KEY, io.chorus.crdt.clock.VersionVector.of(Map.of("n1", 1L))));
        CrdtCodec.decode(CrdtCodec.encode(io.chorus.crdt.type.PnCounter.empty()));
    }

    @AfterAll
    static void stopPipeline() {
        FuzzChannels.stop();
    }

    @FuzzTest(maxDuration = "24h")
    void messages(byte[] input) {
        assertAllocationBounded(input, () -> {
            try {
                CODEC.decode(input);
            } catch (CodecException expected) {
                // bad input, said why
            }
        });
    }

    @FuzzTest(maxDuration = "24h")
    void crdtPayloads(byte[] input) {
        assertAllocationBounded(input, () -> {
            try {
                CrdtCodec.decode(input);
            } catch (IllegalArgumentException expected) {
                // bad input, said why
            }
        });
    }

    @FuzzTest(maxDuration = "24h")
    void contexts(byte[] input) {
        assertAllocationBounded(input, () -> {
            try {
                CausalContext.decode(input);
            } catch (IllegalArgumentException expected) {
                // bad input, said why
            }
            try {
                ContextSeal.UNCONFIGURED.open(KEY, input);
            } catch (IllegalArgumentException expected) {
                // not sealed by this cluster for this key
            }
        });
    }

    /** Raw bytes on a new connection, in two reads: the greeting's framing and decoding, and what follows a welcome. */
    @FuzzTest(maxDuration = "24h")
    void connectionBytes(byte[] input) {
        EmbeddedChannel channel = FuzzChannels.accepted();
        writeInTwoReads(channel, input);
        Greeting answer = FuzzChannels.readGreeting(channel);
        while (answer instanceof Greeting.PeerChallenge) answer = FuzzChannels.readGreeting(channel); // a member's hello; no proof
        if (answer != null && !(answer instanceof Greeting.Refused) && !(answer instanceof Greeting.Welcome)) {
            throw new AssertionError("a fuzzed greeting was answered with " + answer);
        }
        assertOnlyRefusals(channel);
    }

    /** Raw bytes, in two reads, from a client the greeting welcomed: message framing and first-frame routing. */
    @FuzzTest(maxDuration = "24h")
    void clientBytes(byte[] input) {
        EmbeddedChannel channel = FuzzChannels.greetedClient();
        writeInTwoReads(channel, input);
        assertOnlyRefusals(channel);
    }

    /** One whole frame of fuzzed content from a welcomed client. */
    @FuzzTest(maxDuration = "24h")
    void clientFrames(byte[] input) {
        EmbeddedChannel channel = FuzzChannels.greetedClient();
        channel.writeInbound(frame(input));
        assertOnlyRefusals(channel);
    }

    /** A member's greeting (with its proof), then one frame of fuzzed content on the peer connection. */
    @FuzzTest(maxDuration = "24h")
    void peerFrames(byte[] input) {
        EmbeddedChannel channel = FuzzChannels.greetedPeer();
        channel.writeInbound(frame(input));
        assertOnlyRefusals(channel);
    }

    private static void writeInTwoReads(EmbeddedChannel channel, byte[] input) {
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        channel.writeInbound(Unpooled.wrappedBuffer(input, 0, split));
        // the node may have refused and closed after the first read (found by fuzzing: writing on was the harness's error)
        if (channel.isOpen()) channel.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
    }

    private static ByteBuf frame(byte[] body) {
        return Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
    }

    /** No exception reached the end of the pipeline, and whatever was answered is a refusal. */
    private static void assertOnlyRefusals(EmbeddedChannel channel) {
        try {
            channel.checkException();
            Object out;
            while ((out = channel.readOutbound()) != null) {
                Message reply = Frames.read((ByteBuf) out);
                if (!(reply instanceof ClientReply r) || !(r.response() instanceof Failure f)
                        || (f.kind() != ErrorKind.INVALID_REQUEST && f.kind() != ErrorKind.OVERLOADED)) {
                    throw new AssertionError("a fuzzed input was answered with " + reply);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
            FuzzChannels.forget();
        }
    }

    /**
     * Decoding {@code input} must not allocate out of proportion to it. A first decode may load and
     * set up classes (Kryo builds a record's serializer on first use), so only an excess that the
     * same input repeats is a finding.
     */
    private static void assertAllocationBounded(byte[] input, Runnable decode) {
        long boundBytes = ALLOCATION_ALLOWANCE_BYTES + 64L * input.length;
        long allocated = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            long before = allocatedBytes();
            decode.run();
            allocated = allocatedBytes() - before;
            if (allocated <= boundBytes) return;
        }
        throw new AssertionError("decoding " + input.length + " bytes allocated " + allocated + " bytes, twice");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

}
