package io.chorus.client;

import io.chorus.replication.message.CausalContext;

import java.util.Arrays;
import java.util.Objects;

/**
 * The opaque causal context of a key: which versions a client has seen. Take it from a
 * {@link ReadResult} or {@link WriteAck} and pass it to the next put or delete of the same key, so
 * that the write supersedes exactly those versions (shared/SEMANTICS.md). Without one
 * ({@link #NONE}) a put adds a sibling and a delete removes nothing.
 *
 * <p>Immutable. Its text form ({@link #toString()}, URL-safe base64 without padding) crosses
 * processes and command lines; {@link #parse(String)} reads it back. The client never interprets the
 * bytes: the node validates them and answers {@code InvalidRequest} when they are malformed.
 */
public final class Context {
    /** Nothing seen. Its text form is the empty string. */
    public static final Context NONE = new Context(new byte[0]);

    private final byte[] bytes;

    private Context(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A context holding a copy of {@code bytes} as received from a node; empty or null is {@link #NONE}. */
    public static Context of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? NONE : new Context(bytes.clone());
    }

    /**
     * Reads the text form produced by {@link #toString()}; blank text is {@link #NONE}.
     *
     * @throws IllegalArgumentException if the text is not URL-safe base64 (the message quotes it)
     */
    public static Context parse(String text) {
        Objects.requireNonNull(text, "text");
        return text.isBlank() ? NONE : of(CausalContext.fromText(text));
    }

    /** A copy of the opaque bytes (empty for {@link #NONE}). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True for a context that has seen nothing. */
    public boolean isNone() {
        return bytes.length == 0;
    }

    /** The bytes for the wire: null stands for "no context" in requests. */
    byte[] wireBytes() {
        return bytes.length == 0 ? null : bytes;
    }

    /** URL-safe base64 without padding; the empty string for {@link #NONE}. */
    @Override
    public String toString() {
        return CausalContext.toText(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
