package io.chorus.replication.message;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Seals the causal contexts a node gives clients with a cluster key (HMAC-SHA-256 over the key name
 * and the context, truncated to {@value #TAG_BYTES} bytes), and opens only contexts it sealed for
 * the same key. Why: a context says which versions a write supersedes, and a forged one could claim
 * versions no node minted (a counter at Long.MAX_VALUE that overflows a node's next dot, an actor's
 * future dots that replicas would then drop as already seen, 1,024 invented actors that make the
 * key's own context too large to write back). Clamping to what one replica knows would be safe but
 * would break "a put supersedes exactly the versions its context has seen" whenever that replica
 * lags; a seal keeps the contract exact. Every node of a cluster must use the same secret.
 * Immutable and thread-safe ({@link Mac} instances are made per call).
 */
public final class ContextSeal {
    public static final int TAG_BYTES = 16;
    /** The seal of a node configured without a secret: it catches corruption, not forgery. */
    public static final ContextSeal UNCONFIGURED = ofSecret("");

    private final SecretKeySpec secretKey;

    private ContextSeal(byte[] keyBytes) {
        this.secretKey = new SecretKeySpec(keyBytes, "HmacSHA256");
    }

    /** The seal of a cluster secret (any text; every node of the cluster must be given the same). */
    public static ContextSeal ofSecret(String secret) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(("chorus-context-seal:" + secret).getBytes(StandardCharsets.UTF_8));
            return new ContextSeal(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The context a client gets for {@code key}: empty for nothing seen, else the vector and its tag. */
    public byte[] seal(Key key, VersionVector vector) {
        if (vector.isEmpty()) return new byte[0];
        byte[] body = CausalContext.encode(vector, CausalContext.SEALED_FORMAT);
        byte[] sealed = Arrays.copyOf(body, body.length + TAG_BYTES);
        System.arraycopy(tag(key, body, body.length), 0, sealed, body.length, TAG_BYTES);
        return sealed;
    }

    /**
     * The vector of a context this cluster sealed for {@code key}; null or empty is "nothing seen".
     * Anything else (another key's context, an edited or unsealed one): IllegalArgumentException.
     */
    public VersionVector open(Key key, byte[] context) {
        if (context == null || context.length == 0) return VersionVector.empty();
        if (context[0] != CausalContext.SEALED_FORMAT || context.length <= 1 + TAG_BYTES) {
            throw new IllegalArgumentException("it is not a sealed context (format " + context[0] + ", " + context.length + " bytes)");
        }
        int bodyLength = context.length - TAG_BYTES;
        byte[] expected = tag(key, context, bodyLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(context, bodyLength, context.length))) {
            throw new IllegalArgumentException("its seal does not match: it was altered, made for another key, or sealed by another cluster");
        }
        return CausalContext.decode(context);
    }

    private byte[] tag(Key key, byte[] body, int bodyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secretKey);
            byte[] keyBytes = key.bytesUnsafe();
            mac.update(new byte[]{(byte) (keyBytes.length >>> 24), (byte) (keyBytes.length >>> 16), (byte) (keyBytes.length >>> 8), (byte) keyBytes.length});
            mac.update(keyBytes);
            mac.update(body, 0, bodyLength);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextSeal s && MessageDigest.isEqual(secretKey.getEncoded(), s.secretKey.getEncoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secretKey.getEncoded());
    }

    @Override
    public String toString() {
        return equals(UNCONFIGURED) ? "ContextSeal[unconfigured]" : "ContextSeal[configured]"; // never the key
    }
}
