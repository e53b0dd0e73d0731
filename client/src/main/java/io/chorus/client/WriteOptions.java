package io.chorus.client;

/**
 * How a write is acknowledged, beyond how many replicas its consistency level waits for. Pass it to
 * {@code put}/{@code delete}, or to a CRDT handle's {@code with} so that all its updates use it.
 *
 * @param durable acknowledge the write only once as many replicas as the level needs have it on
 *                disk (fsynced), like Riak's {@code dw}: it then survives those replicas losing
 *                power. Slower (an fsync per write on each replica). Without it (the default) a
 *                write is acknowledged once it is in the replicas' page cache: it survives a crash
 *                of the node process, not of the machine.
 */
public record WriteOptions(boolean durable) {
    /** Acknowledged from the replicas' page cache: the default of every write. */
    public static final WriteOptions DEFAULT = new WriteOptions(false);
    /** Acknowledged once on disk (fsynced) on as many replicas as the level needs. */
    public static final WriteOptions DURABLE = new WriteOptions(true);
}
