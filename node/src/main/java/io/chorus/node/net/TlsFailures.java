package io.chorus.node.net;

import io.netty.handler.ssl.NotSslRecordException;

import javax.net.ssl.SSLException;

/** Tells a failed TLS handshake (plaintext caller, untrusted or missing certificate) from other errors. */
final class TlsFailures {
    private TlsFailures() {
    }

    static boolean isTlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException) return true;
        }
        return false;
    }

    /** The innermost message: the one that says which certificate or record was wrong. */
    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return root instanceof NotSslRecordException ? "not a TLS record (a plaintext caller?)" : message == null ? root.toString() : message;
    }
}
