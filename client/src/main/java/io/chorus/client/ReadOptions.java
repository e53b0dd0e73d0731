package io.chorus.client;

import java.net.InetSocketAddress;
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
 * @param primaries      answers that must come from the key's primary replicas (Riak's {@code pr}),
 *                       0 to N; 0: as the level needs. A read with fewer primaries up fails at once
 *                       with {@code Unavailable} naming the down ones
 * @param localReplica   the client address of a node that answers the read from its own replica of
 *                       the key alone: it coordinates it, asks no other node and repairs nothing
 *                       (level {@code ONE} only; the node must be one of the key's replicas), so
 *                       the answer shows what that node holds. null: a normal read
 */
public record ReadOptions(Duration requestTimeout, Duration connectTimeout, boolean spread, boolean hedge, int primaries,
                          InetSocketAddress localReplica) {
    /** The client's timeouts, the first reachable replica, hedged. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, null, false, true);

    public ReadOptions {
        WriteOptions.checkPositive(requestTimeout, "requestTimeout");
        WriteOptions.checkPositive(connectTimeout, "connectTimeout");
        if (primaries < 0) throw new IllegalArgumentException("primaries must be 0 or more, was " + primaries);
    }

    /** Timeouts and routing only; no primaries required, not local. */
    public ReadOptions(Duration requestTimeout, Duration connectTimeout, boolean spread, boolean hedge) {
        this(requestTimeout, connectTimeout, spread, hedge, 0, null);
    }

    /** At least {@code count} answers from the key's primaries (Riak's pr). */
    public ReadOptions withPrimaries(int count) {
        return new ReadOptions(requestTimeout, connectTimeout, spread, hedge, count, localReplica);
    }

    /** Answered by the node at {@code node} from its own replica alone (null: a normal read). */
    public ReadOptions withLocalReplica(InetSocketAddress node) {
        return new ReadOptions(requestTimeout, connectTimeout, spread, hedge, primaries, node);
    }

    public ReadOptions withRequestTimeout(Duration timeout) {
        return new ReadOptions(timeout, connectTimeout, spread, hedge, primaries, localReplica);
    }

    public ReadOptions withConnectTimeout(Duration timeout) {
        return new ReadOptions(requestTimeout, timeout, spread, hedge, primaries, localReplica);
    }

    public ReadOptions withSpread(boolean spreadOverReplicas) {
        return new ReadOptions(requestTimeout, connectTimeout, spreadOverReplicas, hedge, primaries, localReplica);
    }

    public ReadOptions withHedge(boolean hedged) {
        return new ReadOptions(requestTimeout, connectTimeout, spread, hedged, primaries, localReplica);
    }
}
