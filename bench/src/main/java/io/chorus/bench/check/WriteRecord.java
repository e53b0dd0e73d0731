package io.chorus.bench.check;

import io.chorus.crdt.clock.VersionVector;

/**
 * One acknowledged write, as the checker remembers it: the id carried in its value, the context it
 * was sent with ({@code request}: what it supersedes) and the context it was acknowledged with
 * ({@code ack}: covers the write itself, so a read whose context descends it has seen the write).
 * {@code ackNanos} is the driver's clock when the acknowledgement arrived.
 */
public record WriteRecord(long writeId, VersionVector request, VersionVector ack, long ackNanos) {

    /**
     * True when this write superseded {@code older}: it was sent with a context that had seen all of
     * {@code older}'s acknowledged context, so the store replaced {@code older}'s value with this one.
     */
    public boolean supersedes(WriteRecord older) {
        return !older.ack.isEmpty() && request.descends(older.ack);
    }
}
