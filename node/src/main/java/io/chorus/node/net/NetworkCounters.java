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
}
