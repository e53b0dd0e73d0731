package io.chorus.replication.replica;

/**
 * The actor-epoch rule, kept in one place for the node and the simulator. A replica mints dots under
 * its name plus an epoch ({@code NodeId.actor}). Storage that stopped uncleanly may have lost writes
 * whose dots other replicas already hold; minting those dots again for new values would name two
 * values with one dot. So every start after an unclean stop takes the next epoch, and the shell
 * must make that epoch durable before the replica mints anything; a clean stop keeps the epoch.
 */
public final class ActorEpochs {
    private ActorEpochs() {
    }

    /** The epoch a start mints in, given the previous run's epoch and whether that run stopped cleanly. */
    public static long atStart(long previousEpoch, boolean previousStopWasClean) {
        if (previousEpoch < 0) throw new IllegalArgumentException("actor epoch " + previousEpoch + " is negative");
        return previousStopWasClean ? previousEpoch : Math.addExact(previousEpoch, 1);
    }
}
