package io.chorus.node.net;

import java.util.concurrent.atomic.LongAdder;

/** Requests and frames the network layer refused on its own (they never reach the handler). */
public final class NetworkCounters {
    /** Requests refused because their connection already had inFlightPerConnectionMax waiting. */
    public final LongAdder refusedInFlightLimit = new LongAdder();
    /** Requests refused because the ring was full. */
    public final LongAdder refusedQueueFull = new LongAdder();
    /** Requests refused because the node was stopping. */
    public final LongAdder refusedShuttingDown = new LongAdder();
    /** Client connections refused for a bad frame (oversized, undecodable, misplaced). */
    public final LongAdder refusedBadFrames = new LongAdder();
    /** Connections closed at once: over limits.connectionsMax or limits.pendingConnectionsMax. */
    public final LongAdder refusedConnections = new LongAdder();
    /** Connections closed for no greeting, a half-sent frame, or idleness (net.readTimeoutMillis, net.idleTimeoutMillis). */
    public final LongAdder timedOutConnections = new LongAdder();
    /** Connections closed for leaving over twice limits.unsentReplyBytesMax of replies unread. */
    public final LongAdder closedSlowReaders = new LongAdder();
    /** Requests refused because the node's or their connection's request bytes were at their limit. */
    public final LongAdder refusedRequestBytes = new LongAdder();
}
