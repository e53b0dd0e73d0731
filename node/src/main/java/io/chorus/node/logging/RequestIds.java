package io.chorus.node.logging;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * The two fields that name a client request on every log line about it, as SLF4J key-value pairs:
 * {@code client=<connection id> request=<request id>}, the ids a client's error report and the
 * node's other lines about the same request share. slf4j-simple (the node's backend) prints the
 * pairs at the start of the message; a structured backend gets them as fields (logback: {@code %kvp}).
 */
public final class RequestIds {
    public static final String CLIENT = "client";
    public static final String REQUEST = "request";

    private RequestIds() {
    }

    /** {@code line} with the request's ids added: {@code RequestIds.on(log.atWarn(), client, request).log(...)}. */
    public static LoggingEventBuilder on(LoggingEventBuilder line, long clientId, long requestId) {
        return line.addKeyValue(CLIENT, clientId).addKeyValue(REQUEST, requestId);
    }
}
