package io.chorus.replication.coordinate;

import io.chorus.replication.message.QuorumOptions;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.topology.PreferenceEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Can a call start with the nodes up now? A strict call needs as many live primaries as its level
 * (and as its required primaries, Riak's pr/pw); a sloppy write needs live primaries and fallbacks
 * together, of which at least one primary (it mints the new version) and the primaries it
 * requires. A call that cannot is refused with Unavailable at once, naming what was missing: a
 * call that could never gather its answers should not wait for its deadline.
 */
final class QuorumAdmission {
    private QuorumAdmission() {
    }

    /**
     * Why the call cannot start (the text of its Unavailable), or null when it can.
     *
     * @param operation "QUORUM put of key k", for the message
     * @param live      the primaries of {@code replicas} that are up, in preference order
     * @param required  answers the call waits for (its level's, raised to its required primaries for a read)
     */
    static String shortfall(CoordinatorContext context, String operation, Key key, List<NodeId> replicas, List<NodeId> live,
                            int required, QuorumOptions quorum) {
        List<NodeId> down = new ArrayList<>(replicas);
        down.removeAll(live);
        if (quorum.local()) {
            return live.contains(context.self()) ? null : "(need 1, alive 0): " + operation + " is local to " + context.self()
                    + ", which counts itself down";
        }
        if (live.size() < quorum.primaries()) {
            return "(need " + quorum.primaries() + " primaries, alive " + live.size() + "): " + operation + " asks that "
                    + quorum.primaries() + " of its primaries " + replicas + " answer; down: " + down;
        }
        if (!quorum.sloppy()) {
            return live.size() >= required ? null : "(need " + required + ", alive " + live.size() + "): " + operation + " needs "
                    + required + " live replicas of " + replicas + "; down: " + down;
        }
        if (live.isEmpty()) {
            return "(need 1 primary, alive 0): sloppy " + operation + " needs one live primary of " + replicas
                    + " to mint the new version; down: " + down;
        }
        int fallbacks = 0;
        for (PreferenceEntry entry : context.topology().preferenceList(key, context::isAlive)) {
            if (!entry.isPrimary()) fallbacks++;
        }
        return live.size() + fallbacks >= required ? null : "(need " + required + ", alive " + live.size() + " primaries + "
                + fallbacks + " fallbacks): sloppy " + operation + " needs " + required + " live primaries or fallbacks; primaries "
                + replicas + ", down: " + down;
    }
}
