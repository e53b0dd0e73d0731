package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.PurgeTombstone;
import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.List;
import java.util.TreeMap;

/**
 * Is a key's tombstone stable, held by every replica? Reads the key on every member of the
 * cluster: if each primary holds the very same tombstone-only state, and no other node holds any
 * value or tombstone of it (a fallback's hint of an older write could come back later), the
 * primaries are told to purge it ({@link PurgeTombstone}); each purges only if it still holds
 * exactly that state. Anything else (a member down or silent, a replica behind or ahead, a hint
 * waiting) leaves the tombstone for a later check. No client waits for it.
 */
final class TombstonePurge extends Coordination {
    private final List<NodeId> primaries;
    private final List<NodeId> members;
    private final TreeMap<NodeId, KeyState> answers = new TreeMap<>();
    private boolean over;

    TombstonePurge(CoordinatorContext context, long opId, Key key, List<NodeId> primaries, List<NodeId> members) {
        super(context, opId, null, 0, key, Consistency.ALL);
        this.primaries = List.copyOf(primaries);
        this.members = List.copyOf(members);
    }

    @Override
    void start() {
        for (NodeId member : members) context.send(member, new ReplicaRead(opId, key));
    }

    @Override
    void onReply(NodeId from, PeerMessage reply) {
        if (over || !(reply instanceof ReplicaReadResult result) || !members.contains(from) || answers.containsKey(from)) return;
        answers.put(from, result.siblings());
        if (answers.size() < members.size()) return;
        decide();
    }

    private void decide() {
        over = true;
        KeyState stable = stableTombstone();
        if (stable == null) return;
        for (NodeId primary : primaries) context.send(primary, new PurgeTombstone(key, stable.context()));
    }

    /** The tombstone every primary holds alike, with no other node holding anything of the key; else null. */
    private KeyState stableTombstone() {
        KeyState first = null;
        for (NodeId primary : primaries) {
            if (first == null) first = answers.get(primary);
        }
        if (first == null || !first.isTombstoneOnly()) return null;
        for (NodeId member : members) {
            KeyState state = answers.get(member);
            if (state == null) {
                if (!context.hasBug(InjectedBug.PURGE_WITHOUT_EVERY_REPLICA)) throw Invariants.violated("deciding a purge without %s's answer", member);
                continue;
            }
            boolean agrees = primaries.contains(member) ? state.equals(first) : state.siblings().isEmpty() && state.crdt() == null;
            if (!agrees) return null;
        }
        return first;
    }

    @Override
    void onDeadline() {
        if (!over && context.hasBug(InjectedBug.PURGE_WITHOUT_EVERY_REPLICA)) decide();
        over = true;
    }

    @Override
    boolean isFinished() {
        return over;
    }
}
