package io.chorus.replication.message;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@link Greeting}s to bytes and back. A greeting is {@link #MAGIC}, one kind byte, then its fields:
 * ints as 4 bytes big-endian, texts and byte strings as a 2-byte length then the bytes. Every length
 * is checked against what is left of the frame and against its field's limit before anything is
 * allocated, so a hostile frame costs at most its own {@link Greeting#GREETING_BYTES_MAX} bytes.
 * The format never changes with the protocol version: it is how two versions find out they differ.
 * Thread-safe (stateless).
 */
public final class GreetingCodec {
    /** "CHG1": what a greeting starts with; anything else is not a Chorus greeting (or is from before greetings). */
    static final int MAGIC = 0x43484731;
    private static final byte CLIENT_HELLO = 1, PEER_HELLO = 2, PEER_CHALLENGE = 3, PEER_PROOF = 4, WELCOME = 5, REFUSED = 6;
    /** Longest refusal reason kept; a longer one is cut (it is only shown). */
    private static final int REASON_BYTES_MAX = 512;

    private GreetingCodec() {
    }

    public static byte[] encode(Greeting greeting) {
        ByteBuffer out = ByteBuffer.allocate(Greeting.GREETING_BYTES_MAX);
        out.putInt(MAGIC);
        if (greeting instanceof Greeting.ClientHello h) {
            out.put(CLIENT_HELLO).putInt(h.version());
            text(out, h.cluster(), Greeting.NAME_BYTES_MAX);
            text(out, h.user(), Greeting.NAME_BYTES_MAX);
            bytes(out, h.password(), Greeting.PASSWORD_BYTES_MAX);
        } else if (greeting instanceof Greeting.PeerHello h) {
            out.put(PEER_HELLO).putInt(h.version());
            text(out, h.cluster(), Greeting.NAME_BYTES_MAX);
            text(out, h.from(), Greeting.NAME_BYTES_MAX);
            bytes(out, h.nonce(), Greeting.NONCE_BYTES);
        } else if (greeting instanceof Greeting.PeerChallenge c) {
            out.put(PEER_CHALLENGE);
            bytes(out, c.nonce(), Greeting.NONCE_BYTES);
            bytes(out, c.proof(), Greeting.PROOF_BYTES);
        } else if (greeting instanceof Greeting.PeerProof p) {
            out.put(PEER_PROOF);
            bytes(out, p.proof(), Greeting.PROOF_BYTES);
        } else if (greeting instanceof Greeting.Welcome w) {
            out.put(WELCOME).putInt(w.version());
            text(out, w.cluster(), Greeting.NAME_BYTES_MAX);
            text(out, w.node(), Greeting.NAME_BYTES_MAX);
        } else {
            Greeting.Refused r = (Greeting.Refused) greeting;
            out.put(REFUSED).putInt(r.kind().ordinal());
            byte[] reason = r.reason().getBytes(StandardCharsets.UTF_8);
            bytes(out, java.util.Arrays.copyOf(reason, Math.min(reason.length, REASON_BYTES_MAX)), REASON_BYTES_MAX);
        }
        byte[] encoded = new byte[out.position()];
        out.flip().get(encoded);
        return encoded;
    }

    /** @throws CodecException naming what is wrong with the frame */
    public static Greeting decode(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame);
        try {
            if (frame.length < 5 || in.getInt() != MAGIC) {
                throw new CodecException("not a Chorus greeting (a connection must start with a greeting of protocol version "
                        + Greeting.PROTOCOL_VERSION + "; is the other side an older Chorus, or not Chorus?)", null);
            }
            byte kind = in.get();
            Greeting greeting = switch (kind) {
                case CLIENT_HELLO -> new Greeting.ClientHello(in.getInt(), text(in, Greeting.NAME_BYTES_MAX, "cluster"),
                        text(in, Greeting.NAME_BYTES_MAX, "user"), bytes(in, Greeting.PASSWORD_BYTES_MAX, "password"));
                case PEER_HELLO -> new Greeting.PeerHello(in.getInt(), text(in, Greeting.NAME_BYTES_MAX, "cluster"),
                        text(in, Greeting.NAME_BYTES_MAX, "from"), bytes(in, Greeting.NONCE_BYTES, "nonce"));
                case PEER_CHALLENGE -> new Greeting.PeerChallenge(bytes(in, Greeting.NONCE_BYTES, "nonce"), bytes(in, Greeting.PROOF_BYTES, "proof"));
                case PEER_PROOF -> new Greeting.PeerProof(bytes(in, Greeting.PROOF_BYTES, "proof"));
                case WELCOME -> new Greeting.Welcome(in.getInt(), text(in, Greeting.NAME_BYTES_MAX, "cluster"),
                        text(in, Greeting.NAME_BYTES_MAX, "node"));
                case REFUSED -> new Greeting.Refused(errorKind(in.getInt()), text(in, REASON_BYTES_MAX, "reason"));
                default -> throw new CodecException("unknown greeting kind " + kind, null);
            };
            if (in.hasRemaining()) throw new CodecException(in.remaining() + " trailing bytes after the greeting", null);
            return greeting;
        } catch (BufferUnderflowException e) {
            throw new CodecException("greeting cut short (" + frame.length + " bytes)", e);
        }
    }

    private static ErrorKind errorKind(int ordinal) {
        ErrorKind[] kinds = ErrorKind.values();
        // a newer node's kind this version does not know is still a refusal
        return ordinal >= 0 && ordinal < kinds.length ? kinds[ordinal] : ErrorKind.INVALID_REQUEST;
    }

    private static void text(ByteBuffer out, String text, int bytesMax) {
        bytes(out, text.getBytes(StandardCharsets.UTF_8), bytesMax);
    }

    private static void bytes(ByteBuffer out, byte[] bytes, int bytesMax) {
        if (bytes.length > bytesMax) throw new IllegalArgumentException("a greeting field of " + bytes.length + " bytes is over its limit of " + bytesMax);
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String text(ByteBuffer in, int bytesMax, String field) {
        byte[] bytes = bytes(in, bytesMax, field);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("greeting field " + field + " is not UTF-8", e);
        }
    }

    private static byte[] bytes(ByteBuffer in, int bytesMax, String field) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > bytesMax || length > in.remaining()) {
            throw new CodecException("greeting field " + field + " claims " + length + " bytes (limit " + bytesMax + ", "
                    + in.remaining() + " left in the frame)", null);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
