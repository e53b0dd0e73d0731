package io.chorus.client;

import java.time.Duration;

/**
 * How one read is made, beyond its consistency level. {@link #DEFAULT} uses the client's timeouts,
 * starts at the key's first reachable replica and hedges.
 *
 * @param requestTimeout the whole read's deadline, retries and failovers included; null: the
 *                       client's {@code requestTimeout}
 * @param connectTimeout how long one attempt waits for a connection still opening before it tries
 *                       another node; null: the client's {@code connectTimeout} (a longer value is
 *                       capped by it)
 * @param spread         start at a random replica of the key rather than the first, spreading the
 *                       reads of a hot key over its replicas (a read at {@code ONE} then answers
 *                       from whichever replica it reached)
 * @param hedge          when the replica asked first has not answered within its recent 99th
 *                       percentile, ask the next one too and take the first answer (bounded by the
 *                       client's retry budget, so at most a small share of extra reads)
 */
public record ReadOptions(Duration requestTimeout, Duration connectTimeout, boolean spread, boolean hedge) {
    /** The client's timeouts, the first reachable replica, hedged. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, null, false, true);

    public ReadOptions {
        WriteOptions.checkPositive(requestTimeout, "requestTimeout");
        WriteOptions.checkPositive(connectTimeout, "connectTimeout");
    }

    public ReadOptions withRequestTimeout(Duration timeout) {
        return new ReadOptions(timeout, connectTimeout, spread, hedge);
    }

    public ReadOptions withConnectTimeout(Duration timeout) {
        return new ReadOptions(requestTimeout, timeout, spread, hedge);
    }

    public ReadOptions withSpread(boolean spreadOverReplicas) {
        return new ReadOptions(requestTimeout, connectTimeout, spreadOverReplicas, hedge);
    }

    public ReadOptions withHedge(boolean hedged) {
        return new ReadOptions(requestTimeout, connectTimeout, spread, hedged);
    }
}
