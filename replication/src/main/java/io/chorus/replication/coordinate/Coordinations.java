package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The requests this node is coordinating, in creation order (which is also deadline order, since
 * every request gets the same timeout). Bounded by the node's admission (inFlightRequestsMax).
 */
public final class Coordinations {
    private final LinkedHashMap<Long, Coordination> inFlight = new LinkedHashMap<>();

    void start(Coordination coordination) {
        Coordination previous = inFlight.put(coordination.opId, coordination);
        // Two coordinations under one op id would take each other's replies.
        if (previous != null) throw Invariants.violated("op id %d reused", coordination.opId);
        coordination.start();
        if (coordination.isFinished()) inFlight.remove(coordination.opId);
    }

    public int size() {
        return inFlight.size();
    }

    /** A replica's reply: to the coordination with its op id and key, if still in flight. */
    public void onReply(NodeId from, long opId, Key key, PeerMessage reply) {
        Coordination coordination = inFlight.get(opId);
        if (coordination == null || !coordination.key.equals(key)) return; // late, or not ours
        coordination.onReply(from, reply);
        if (coordination.isFinished()) inFlight.remove(opId);
    }

    /** Deadlines, then slow requests (oldest first; stops at the first one too young). */
    public void onTick(long tick, int slowAfterTicks) {
        List<Coordination> expired = new ArrayList<>();
        Iterator<Coordination> it = inFlight.values().iterator();
        while (it.hasNext()) {
            Coordination c = it.next();
            if (c.deadlineTick() > tick) break;
            it.remove();
            expired.add(c);
        }
        for (Coordination c : expired) c.onDeadline();
        List<Coordination> slow = new ArrayList<>();
        for (Coordination c : inFlight.values()) {
            if (c.startTick > tick - slowAfterTicks) break;
            slow.add(c);
        }
        for (Coordination c : slow) c.onSlow();
    }
}
