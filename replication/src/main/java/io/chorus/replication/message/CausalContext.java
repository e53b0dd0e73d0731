package io.chorus.replication.message;

import io.chorus.crdt.clock.VersionVector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeMap;

/**
 * The opaque causal context a client gets with a read and writes back: a version vector in a small,
 * versioned binary form (independent of Kryo, so contexts stay valid across codec changes), and in
 * URL-safe base64 for the command line.
 */
public final class CausalContext {
    private static final int FORMAT = 1;
    /** A context sealed by {@link ContextSeal}: the same entries, then the seal's tag. */
    static final int SEALED_FORMAT = 2;
    private static final int ACTORS_MAX = 1024;

    private CausalContext() {
    }

    /** An unsealed context (tools and tests; a node gives clients only {@link ContextSeal#seal sealed} ones). */
    public static byte[] encode(VersionVector vector) {
        return encode(vector, FORMAT);
    }

    static byte[] encode(VersionVector vector, int format) {
        if (vector.isEmpty()) return new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + vector.size() * 12);
        out.write(format);
        writeVarLong(out, vector.size());
        vector.toMap().forEach((actor, counter) -> {
            byte[] name = actor.getBytes(StandardCharsets.UTF_8);
            writeVarLong(out, name.length);
            out.write(name, 0, name.length);
            writeVarLong(out, counter);
        });
        return out.toByteArray();
    }

    /**
     * Decodes a context, sealed or not, without checking a seal (that is {@link ContextSeal#open});
     * null or empty is "nothing seen". Malformed input: IllegalArgumentException saying why.
     */
    public static VersionVector decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) return VersionVector.empty();
        int[] at = {0};
        if (bytes[0] != FORMAT && bytes[0] != SEALED_FORMAT) throw new IllegalArgumentException("context has unknown format " + bytes[0]);
        int end = bytes[0] == SEALED_FORMAT ? bytes.length - ContextSeal.TAG_BYTES : bytes.length;
        if (end < 1) throw new IllegalArgumentException("context is truncated");
        at[0] = 1;
        long count = readVarLong(bytes, at, end);
        if (count < 0 || count > ACTORS_MAX) throw new IllegalArgumentException("context names " + count + " actors (max " + ACTORS_MAX + ")");
        TreeMap<String, Long> entries = new TreeMap<>();
        for (long i = 0; i < count; i++) {
            long length = readVarLong(bytes, at, end);
            if (length < 1 || length > end - at[0]) throw new IllegalArgumentException("context is truncated");
            String actor = new String(bytes, at[0], (int) length, StandardCharsets.UTF_8);
            at[0] += (int) length;
            long counter = readVarLong(bytes, at, end);
            if (counter < 1) throw new IllegalArgumentException("context counter for " + actor + " is " + counter);
            if (entries.put(actor, counter) != null) throw new IllegalArgumentException("context repeats actor " + actor);
        }
        if (at[0] != end) throw new IllegalArgumentException("context has " + (end - at[0]) + " trailing bytes");
        return VersionVector.of(entries);
    }

    public static String toText(byte[] context) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(context);
    }

    public static byte[] fromText(String text) {
        try {
            return Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context \"" + text + "\" is not URL-safe base64");
        }
    }

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarLong(byte[] bytes, int[] at, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= end) throw new IllegalArgumentException("context is truncated");
            byte b = bytes[at[0]++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new IllegalArgumentException("context has an over-long number");
    }
}
