package io.chorus.client;

/**
 * An attempt on one node ended without an answer because the connection failed. {@code sent} says
 * whether the request may have reached the node: only a request that was certainly not sent (or a
 * read) may be tried on another node without risking a duplicate write. Internal: never escapes the
 * client, it becomes a {@link ChorusException}.
 */
final class NotDelivered extends Exception {
    private final boolean sent;

    NotDelivered(boolean sent, String reason) {
        super(reason, null, false, false);
        this.sent = sent;
    }

    boolean sent() {
        return sent;
    }

    /** Says why a connection attempt or a connection failed, in a few words. */
    static String reasonOf(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        if (root instanceof java.net.ConnectException || root instanceof io.netty.channel.ConnectTimeoutException) {
            return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("timed out") ? "connect timed out" : "connection refused";
        }
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
