package io.chorus.node.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A password as stored: PBKDF2-HMAC-SHA256 of it with a random per-user salt, never the password
 * itself. Text form {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64), as in the users file.
 *
 * @param iterations PBKDF2 rounds: the cost of each guess to whoever steals the users file
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    /** OWASP asks 600,000 for PBKDF2-HMAC-SHA256; that measured 3 s per login on a busy 2-core machine, so 100,000 (about 0.5 s) by default; `user add --iterations` raises it per user. */
    public static final int ITERATIONS_DEFAULT = 100_000;
    static final int ITERATIONS_MIN = 1_000;
    static final int ITERATIONS_MAX = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String SCHEME = "pbkdf2-sha256";

    public static PasswordHash create(byte[] password, SecureRandom random, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Constant-time in the hash comparison; costs {@code iterations} rounds whatever the answer. */
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(byte[] password, byte[] salt, int iterations) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(password));
        char[] text = Arrays.copyOf(decoded.array(), decoded.limit());
        Arrays.fill(decoded.array(), '\0');
        PBEKeySpec spec = new PBEKeySpec(text, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(text, '\0');
        }
    }

    public String text() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    public static PasswordHash parse(String text) {
        String[] parts = text.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash is " + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations '" + parts[1] + "' is not a number");
        }
        if (iterations < ITERATIONS_MIN || iterations > ITERATIONS_MAX) {
            throw new IllegalArgumentException("iterations " + iterations + " is outside " + ITERATIONS_MIN + ".." + ITERATIONS_MAX);
        }
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        if (hash.length != HASH_BITS / 8) throw new IllegalArgumentException("the hash is " + hash.length + " bytes, not " + HASH_BITS / 8);
        return new PasswordHash(iterations, Base64.getDecoder().decode(parts[2]), hash);
    }
}
