package io.chorus.replication.message;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreetingCodecTest {
    private static final byte[] NONCE = new byte[Greeting.NONCE_BYTES];

    @Test
    void everyGreetingSurvivesTheRoundTrip() {
        List<Greeting> greetings = List.of(
                new Greeting.ClientHello(1, "prod", "alice", "s3cret".getBytes()),
                new Greeting.ClientHello(1, "", "", new byte[0]),
                new Greeting.PeerHello(1, "prod", "n2", NONCE),
                new Greeting.PeerChallenge(NONCE, new byte[Greeting.PROOF_BYTES]),
                new Greeting.PeerChallenge(NONCE, new byte[0]),
                new Greeting.PeerProof(new byte[Greeting.PROOF_BYTES]),
                new Greeting.Welcome(1, "prod", "n1"),
                new Greeting.Refused(ErrorKind.UNAUTHORIZED, "wrong password for user alice"));
        for (Greeting greeting : greetings) {
            byte[] bytes = GreetingCodec.encode(greeting);
            assertTrue(bytes.length <= Greeting.GREETING_BYTES_MAX, greeting + " fits a greeting frame");
            Greeting back = GreetingCodec.decode(bytes);
            assertEquals(greeting.getClass(), back.getClass());
            assertArrayEquals(GreetingCodec.encode(back), bytes, "re-encodes to the same bytes: " + greeting);
        }
    }

    @Test
    void aKryoFrameOrGarbageIsNotAGreeting() {
        byte[] kryoFrame = new Codec().encode(new ClientFrame(1, new DescribeCluster()));
        CodecException e = assertThrows(CodecException.class, () -> GreetingCodec.decode(kryoFrame));
        assertTrue(e.getMessage().startsWith("not a Chorus greeting"), e.getMessage());
        assertThrows(CodecException.class, () -> GreetingCodec.decode(new byte[0]));
    }

    @Test
    void aLengthPastTheFrameIsRefusedBeforeAllocating() {
        ByteBuffer frame = ByteBuffer.allocate(16).putInt(GreetingCodec.MAGIC).put((byte) 4).putShort((short) 0xFFFF);
        CodecException e = assertThrows(CodecException.class, () -> GreetingCodec.decode(frame.array()));
        assertEquals("greeting field proof claims 65535 bytes (limit 32, 9 left in the frame)", e.getMessage());
    }

    @Test
    void everyTruncationIsRefusedWithAnError() {
        byte[] whole = GreetingCodec.encode(new Greeting.ClientHello(1, "prod", "alice", "pw".getBytes()));
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertThrows(CodecException.class, () -> GreetingCodec.decode(cut), "cut at " + length);
        }
        byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
        assertThrows(CodecException.class, () -> GreetingCodec.decode(longer));
    }
}
