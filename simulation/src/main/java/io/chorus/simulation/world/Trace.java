package io.chorus.simulation.world;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the event trace goes: nowhere (the fast path: callers test {@link #on()} before building a
 * line), to a stream ({@code --trace}), or into a digest (the determinism test compares digests).
 */
public abstract class Trace {
    public static final Trace OFF = new Trace() {
        @Override
        public boolean on() {
            return false;
        }

        @Override
        public void line(long micros, String text) {
        }
    };

    public abstract boolean on();

    public abstract void line(long micros, String text);

    public static Trace printingTo(PrintStream out) {
        return new Trace() {
            @Override
            public boolean on() {
                return true;
            }

            @Override
            public void line(long micros, String text) {
                out.println(micros + " " + text);
            }
        };
    }

    /** A trace kept only as a SHA-256 of its lines. */
    public static final class Digest extends Trace {
        private final MessageDigest sha;
        private long lines;

        public Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        @Override
        public boolean on() {
            return true;
        }

        @Override
        public void line(long micros, String text) {
            lines++;
            sha.update((micros + " " + text + "\n").getBytes(StandardCharsets.UTF_8));
        }

        public long lines() {
            return lines;
        }

        /** The digest of every line so far, in hex; ends the digest. */
        public String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
