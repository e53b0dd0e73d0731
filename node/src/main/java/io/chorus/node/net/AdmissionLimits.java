package io.chorus.node.net;

/**
 * The byte and connection bounds that keep a node's heap bounded whatever its clients do (see
 * node/CONFIG.md, "Admission"). Every bound has its unit in its name.
 *
 * @param connectionsMax             most accepted connections (peers and clients) open at once; past it a new one is closed at once
 * @param pendingConnectionsMax      most accepted connections not yet welcomed by the greeting
 * @param requestBytesMax            node-wide: bytes of client requests being received, queued and in flight; past it a request gets Overloaded
 * @param connectionRequestBytesMax  the same for one connection
 * @param unsentReplyBytesMax        reply bytes one connection may have waiting for its client to read them: past it the node stops
 *                                   reading from that connection until they drain, and past twice it closes the connection
 * @param readTimeoutMillis          a connection not welcomed this long after it connected, or that has sent part of a frame this long, is closed
 * @param idleTimeoutMillis          a connection that sent nothing for this long is closed (0: never)
 * @param peerQueueBytesMax          bytes queued on the outgoing link to one peer (written, not yet taken by the kernel): past it
 *                                   messages to that peer are dropped and counted until half have drained (a slow or stuck peer)
 */
public record AdmissionLimits(int connectionsMax, int pendingConnectionsMax, long requestBytesMax, long connectionRequestBytesMax,
                              int unsentReplyBytesMax, int readTimeoutMillis, int idleTimeoutMillis, int peerQueueBytesMax) {
    /** The default of {@code limits.peerQueueBytesMax}. */
    public static final int PEER_QUEUE_BYTES_DEFAULT = 16 << 20;
    /** Defaults for tests and tools; a node takes its own from its config. */
    public static final AdmissionLimits DEFAULTS = new AdmissionLimits(4096, 512, 256L << 20, 32L << 20, 8 << 20, 10_000, 300_000);

    public AdmissionLimits {
        if (connectionsMax < 1 || pendingConnectionsMax < 1 || requestBytesMax < 1 || connectionRequestBytesMax < 1
                || unsentReplyBytesMax < 1 || readTimeoutMillis < 1 || idleTimeoutMillis < 0 || peerQueueBytesMax < 1) {
            throw new IllegalArgumentException("admission limits must be positive (idle timeout 0 = never): " + this);
        }
    }

    /** With the default peer queue bound. */
    public AdmissionLimits(int connectionsMax, int pendingConnectionsMax, long requestBytesMax, long connectionRequestBytesMax,
                           int unsentReplyBytesMax, int readTimeoutMillis, int idleTimeoutMillis) {
        this(connectionsMax, pendingConnectionsMax, requestBytesMax, connectionRequestBytesMax, unsentReplyBytesMax, readTimeoutMillis,
                idleTimeoutMillis, PEER_QUEUE_BYTES_DEFAULT);
    }
}
