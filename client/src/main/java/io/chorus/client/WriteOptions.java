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
 */
public record WriteOptions(boolean durable, Duration requestTimeout, Duration connectTimeout) {
    /** Acknowledged from the replicas' page cache: the default of every write. */
    public static final WriteOptions DEFAULT = new WriteOptions(false);
    /** Acknowledged once on disk (fsynced) on as many replicas as the level needs. */
    public static final WriteOptions DURABLE = new WriteOptions(true);

    public WriteOptions {
        checkPositive(requestTimeout, "requestTimeout");
        checkPositive(connectTimeout, "connectTimeout");
    }

    /** The client's timeouts; {@code durable} as given. */
    public WriteOptions(boolean durable) {
        this(durable, null, null);
    }

    public WriteOptions withRequestTimeout(Duration timeout) {
        return new WriteOptions(durable, timeout, connectTimeout);
    }

    public WriteOptions withConnectTimeout(Duration timeout) {
        return new WriteOptions(durable, requestTimeout, timeout);
    }

    static void checkPositive(Duration timeout, String name) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(name + " must be positive (or null for the client's), was " + timeout);
        }
    }
}
