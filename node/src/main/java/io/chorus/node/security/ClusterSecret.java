package io.chorus.node.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret every member of a cluster shares, which a peer proves it holds without sending it:
 * each side sends a fresh nonce, and each answers with HMAC-SHA256 over both nonces, both names,
 * the cluster name and its role (so that one side's proof can never be replayed as the other's, on
 * this link or another). Immutable and thread-safe (a new {@link Mac} per proof).
 */
public final class ClusterSecret {
    /** Shortest secret accepted, in characters of the file (hex digits from {@link #generate}). */
    public static final int SECRET_CHARS_MIN = 32;
    private static final int GENERATED_BYTES = 32;

    /** Which end of the connection computes the proof. */
    public enum Role { DIALER, ACCEPTOR }

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key;
    }

    /** Reads the secret: the file's text, surrounding blanks ignored, at least {@link #SECRET_CHARS_MIN} characters. */
    public static ClusterSecret load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the cluster secret " + file + ": " + e.getMessage(), e);
        }
        if (text.length() < SECRET_CHARS_MIN) {
            throw new IllegalArgumentException("the cluster secret in " + file + " is " + text.length() + " characters, shorter than "
                    + SECRET_CHARS_MIN + " (generate one with: head -c 32 /dev/urandom | xxd -p -c 64)");
        }
        return new ClusterSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A new random secret, as the text of a secret file. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes) + "\n";
    }

    /** The proof {@code role} gives on the link from {@code dialer} to {@code acceptor}. */
    public byte[] proof(Role role, String cluster, String dialer, String acceptor, byte[] dialerNonce, byte[] acceptorNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String part : new String[] {"chorus-peer-" + role.name().toLowerCase(java.util.Locale.ROOT), cluster, dialer, acceptor}) {
                field(mac, part.getBytes(StandardCharsets.UTF_8));
            }
            field(mac, dialerNonce);
            field(mac, acceptorNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Each field length-prefixed, so that no two different sequences of fields hash alike. */
    private static void field(Mac mac, byte[] bytes) {
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    /** Constant-time comparison of a received proof with the expected one. */
    public static boolean matches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }
}
