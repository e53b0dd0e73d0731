package io.chorus.node.net;

import io.chorus.replication.message.CodecException;
import io.netty.handler.codec.CorruptedFrameException;

/** Tells bad input (a frame we refuse) from a broken connection or a bug, and says what was wrong. */
final class FrameErrors {
    private FrameErrors() {
    }

    /** What is wrong with the input, or null if {@code cause} is not about the input. */
    static String describeBadInput(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FrameDecoder.FrameTooLargeException) return t.getMessage();
            if (t instanceof CorruptedFrameException) return "corrupt frame: " + t.getMessage();
            if (t instanceof CodecException) return "undecodable frame: " + t.getMessage();
        }
        return null;
    }

    /** Whether {@code cause} only says the connection broke (reset by the other side, closed). */
    static boolean isConnectionLoss(Throwable cause) {
        return cause instanceof java.io.IOException;
    }
}
