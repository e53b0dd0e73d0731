package io.chorus.node.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what is printed to System.err while open (and still prints it), so that a test can
 * read the log lines slf4j-simple wrote: it looks System.err up on every line it writes. Tests in a
 * module run one at a time, so swapping the global stream is safe.
 */
public final class CapturedStderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public CapturedStderr() {
        System.setErr(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
    }

    /** The captured lines that contain {@code text}. */
    public List<String> linesWith(String text) {
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(text)).toList();
    }

    /** The one captured line that contains {@code text}; fails if there is none or more than one. */
    public String lineWith(String text) {
        List<String> lines = linesWith(text);
        if (lines.size() != 1) throw new AssertionError("expected one line with \"" + text + "\" on stderr, found " + lines);
        return lines.get(0);
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
