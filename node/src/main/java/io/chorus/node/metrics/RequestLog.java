package io.chorus.node.metrics;

import io.chorus.node.logging.RequestIds;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per failed request: SLF4J key-value pairs (node, then {@code client} and
 * {@code request} as on every line about a request, see {@link RequestIds}, then op, consistency,
 * kind, latencyMicros), then the failure's message, so that an error a user reports can be found by
 * its request id. Written from the handler thread, so it is rate-limited: at most
 * {@link #LINES_PER_SECOND_MAX} lines a second; the next line says how many were left out.
 */
final class RequestLog {
    static final int LINES_PER_SECOND_MAX = 20;
    private static final Logger log = LoggerFactory.getLogger("io.chorus.node.requests");

    private final String nodeName;
    private boolean windowStarted;
    private long windowStartNanos;
    private int linesInWindow;
    private long suppressed;

    RequestLog(String nodeName) {
        this.nodeName = nodeName;
    }

    void failure(long clientId, long requestId, String op, String level, Failure failure, long latencyNanos, long nowNanos) {
        if (!admit(nowNanos)) return;
        LoggingEventBuilder line = failure.kind() == ErrorKind.TIMEOUT ? log.atWarn() : log.atInfo();
        line = RequestIds.on(line.addKeyValue("node", nodeName), clientId, requestId)
                .addKeyValue("op", op).addKeyValue("consistency", level).addKeyValue("kind", failure.kind().displayName())
                .addKeyValue("latencyMicros", latencyNanos / 1000);
        if (suppressed > 0) line = line.addKeyValue("suppressedBefore", suppressed);
        suppressed = 0;
        line.log("request failed: {}", failure.message());
    }

    private boolean admit(long nowNanos) {
        // The first line opens the first window: a start of Long.MIN_VALUE overflowed the subtraction.
        if (!windowStarted || nowNanos - windowStartNanos >= 1_000_000_000L) {
            windowStarted = true;
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
