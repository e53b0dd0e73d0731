package io.chorus.replication.replica;

/**
 * The actor-epoch rule, kept in one place for the node and the simulator. A replica mints dots under
 * its name plus an epoch ({@code NodeId.actor}). Storage that stopped uncleanly may have lost writes
 * whose dots other replicas already hold; minting those dots again for new values would name two
 * values with one dot. So every start after an unclean stop takes the next epoch, and the shell
 * must make that epoch durable before the replica mints anything; a clean stop keeps the epoch.
 *
 * <p>A node whose storage is gone altogether (a replaced disk, a wiped data directory) under the same
 * name knows no previous epoch, and starting again at 0 would mint {@code n1:1} anew for a new value
 * while the other replicas hold an old value under that dot: they would take the new write as one
 * they have, and drop it, though it was acknowledged; and a session token naming the lost life's
 * epoch would be proved by the new one. So a new data directory starts at the wall-clock millisecond
 * of its first start ({@link #forNewDirectory}), which lies above every epoch of any earlier
 * directory of the node: that one started at an earlier millisecond and went up by one per unclean
 * restart, each of which took longer than a millisecond. The one assumption: the node's clock is not
 * set back, across the replacement, to before the lost directory's first start.
 */
public final class ActorEpochs {
    private ActorEpochs() {
    }

    /** The first epoch of a data directory no node used before, started at {@code wallMillis} (the node's clock). */
    public static long forNewDirectory(long wallMillis) {
        if (wallMillis <= 0) throw new IllegalArgumentException("wall clock " + wallMillis + " ms is not after 1970: cannot date a new actor epoch");
        return wallMillis;
    }

    /** The epoch a start mints in, given the previous run's epoch and whether that run stopped cleanly. */
    public static long atStart(long previousEpoch, boolean previousStopWasClean) {
        if (previousEpoch < 0) throw new IllegalArgumentException("actor epoch " + previousEpoch + " is negative");
        return previousStopWasClean ? previousEpoch : Math.addExact(previousEpoch, 1);
    }
}
