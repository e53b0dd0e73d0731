package io.chorus.client;

import java.time.Duration;

/**
 * How a write is made and acknowledged, beyond how many replicas its consistency level waits for.
 * Pass it to {@code put}/{@code delete}, or to a CRDT handle's {@code with} so that all its updates
 * use it.
 *
 * @param durable        acknowledge the write only once as many replicas as the level needs have it
 *                       on disk (fsynced), like Riak's {@code dw}: it then survives those replicas
 *                       losing power. Slower (an fsync per write on each replica). Without it (the
 *                       default) a write is acknowledged once it is in the replicas' page cache: it
 *                       survives a crash of the node process, not of the machine.
 * @param requestTimeout the whole write's deadline, retries and failovers included; null: the
 *                       client's {@code requestTimeout}
 * @param connectTimeout how long one attempt waits for a connection still opening before it tries
 *                       another node; null: the client's {@code connectTimeout} (a longer value is
 *                       capped by it)
 * @param primaries      acknowledgements that must come from the key's primary replicas (Riak's
 *                       {@code pw}), 0 to N; 0: as the level needs. A write with fewer primaries up
 *                       fails at once with {@code Unavailable} naming the down ones. Plain put and
 *                       delete only (a CRDT update refuses it)
 * @param sloppy         sloppy quorum: a fallback node that keeps a hint for a down primary counts
 *                       toward the level, so the write succeeds with primaries down (at least one
 *                       must be up). Weaker: until the hint is handed over, a read of the primaries
 *                       may miss the write even with R + W &gt; N. Off by default (strict quorum: only
 *                       primaries count, hints are still written). Plain put and delete only
 */
public record WriteOptions(boolean durable, Duration requestTimeout, Duration connectTimeout, int primaries, boolean sloppy) {
    /** Acknowledged from the replicas' page cache: the default of every write. */
    public static final WriteOptions DEFAULT = new WriteOptions(false);
    /** Acknowledged once on disk (fsynced) on as many replicas as the level needs. */
    public static final WriteOptions DURABLE = new WriteOptions(true);

    public WriteOptions {
        checkPositive(requestTimeout, "requestTimeout");
        checkPositive(connectTimeout, "connectTimeout");
        if (primaries < 0) throw new IllegalArgumentException("primaries must be 0 or more, was " + primaries);
    }

    /** Durability and timeouts only: a strict quorum, no primaries required beyond the level. */
    public WriteOptions(boolean durable, Duration requestTimeout, Duration connectTimeout) {
        this(durable, requestTimeout, connectTimeout, 0, false);
    }

    /** At least {@code count} acknowledgements from the key's primaries (Riak's pw). */
    public WriteOptions withPrimaries(int count) {
        return new WriteOptions(durable, requestTimeout, connectTimeout, count, sloppy);
    }

    /** A sloppy quorum (fallbacks' acknowledgements count) when {@code on}. */
    public WriteOptions withSloppy(boolean on) {
        return new WriteOptions(durable, requestTimeout, connectTimeout, primaries, on);
    }

    /** The client's timeouts; {@code durable} as given. */
    public WriteOptions(boolean durable) {
        this(durable, null, null);
    }

    public WriteOptions withRequestTimeout(Duration timeout) {
        return new WriteOptions(durable, timeout, connectTimeout, primaries, sloppy);
    }

    public WriteOptions withConnectTimeout(Duration timeout) {
        return new WriteOptions(durable, requestTimeout, timeout, primaries, sloppy);
    }

    static void checkPositive(Duration timeout, String name) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(name + " must be positive (or null for the client's), was " + timeout);
        }
    }
}
