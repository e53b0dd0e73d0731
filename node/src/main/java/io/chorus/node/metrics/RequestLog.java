package io.chorus.node.metrics;

import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per failed request ({@code key=value} pairs: node, client, requestId, op,
 * consistency, kind, latency, then the message), so that an error a user reports can be found by
 * its request id. Written from the handler thread, so it is rate-limited: at most
 * {@link #LINES_PER_SECOND_MAX} lines a second; the next line says how many were left out.
 */
final class RequestLog {
    static final int LINES_PER_SECOND_MAX = 20;
    private static final Logger log = LoggerFactory.getLogger("io.chorus.node.requests");

    private final String nodeName;
    private long windowStartNanos = Long.MIN_VALUE;
    private int linesInWindow;
    private long suppressed;

    RequestLog(String nodeName) {
        this.nodeName = nodeName;
    }

    void failure(long clientId, long requestId, String op, String level, Failure failure, long latencyNanos, long nowNanos) {
        if (!admit(nowNanos)) return;
        String line = "request failed node=" + nodeName + " client=" + clientId + " requestId=" + requestId + " op=" + op
                + " consistency=" + level + " kind=" + failure.kind().displayName() + " latencyMicros=" + latencyNanos / 1000
                + (suppressed > 0 ? " suppressedBefore=" + suppressed : "") + " message=\"" + failure.message().replace('"', '\'') + "\"";
        suppressed = 0;
        if (failure.kind() == ErrorKind.TIMEOUT) log.warn(line);
        else log.info(line);
    }

    private boolean admit(long nowNanos) {
        if (nowNanos - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = nowNanos;
            linesInWindow = 0;
        }
        if (linesInWindow >= LINES_PER_SECOND_MAX) {
            suppressed++;
            return false;
        }
        linesInWindow++;
        return true;
    }
}
