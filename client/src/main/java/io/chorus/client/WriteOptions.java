package io.chorus.client;

import io.chorus.replication.message.Put;

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
 * @param ttl            a put's time to live (null: forever): the value expires that long after the
 *                       coordinating node received the put, by that node's clock, and no read returns
 *                       it from then on (give or take the clock skew between nodes). 1 s to 10 years,
 *                       whole milliseconds. Only for plain puts: a delete or a CRDT update given one is
 *                       refused (IllegalArgumentException)
 */
public record WriteOptions(boolean durable, Duration requestTimeout, Duration connectTimeout, Duration ttl) {
    /** Acknowledged from the replicas' page cache: the default of every write. */
    public static final WriteOptions DEFAULT = new WriteOptions(false);
    /** Acknowledged once on disk (fsynced) on as many replicas as the level needs. */
    public static final WriteOptions DURABLE = new WriteOptions(true);

    public WriteOptions {
        checkPositive(requestTimeout, "requestTimeout");
        checkPositive(connectTimeout, "connectTimeout");
        if (ttl != null && (ttl.compareTo(Duration.ofMillis(Put.TTL_MILLIS_MIN)) < 0 || ttl.compareTo(Duration.ofMillis(Put.TTL_MILLIS_MAX)) > 0)) {
            throw new IllegalArgumentException("ttl must be between 1 s and 10 years (or null for none), was " + ttl);
        }
    }

    /** No TTL. */
    public WriteOptions(boolean durable, Duration requestTimeout, Duration connectTimeout) {
        this(durable, requestTimeout, connectTimeout, null);
    }

    /** The client's timeouts; {@code durable} as given. */
    public WriteOptions(boolean durable) {
        this(durable, null, null);
    }

    public WriteOptions withRequestTimeout(Duration timeout) {
        return new WriteOptions(durable, timeout, connectTimeout, ttl);
    }

    public WriteOptions withConnectTimeout(Duration timeout) {
        return new WriteOptions(durable, requestTimeout, timeout, ttl);
    }

    /** These options for a put whose value expires after {@code ttl} (null: never). */
    public WriteOptions withTtl(Duration ttl) {
        return new WriteOptions(durable, requestTimeout, connectTimeout, ttl);
    }

    /** The TTL in whole milliseconds as the wire carries it; 0 for none. */
    long ttlMillis() {
        return ttl == null ? 0 : ttl.toMillis();
    }

    /** Refuses a TTL on what cannot expire ({@code what}: "a delete", "a CRDT update"). */
    void refuseTtl(String what) {
        if (ttl != null) throw new IllegalArgumentException(what + " takes no ttl (was " + ttl + "): only plain puts expire");
    }

    static void checkPositive(Duration timeout, String name) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(name + " must be positive (or null for the client's), was " + timeout);
        }
    }
}
