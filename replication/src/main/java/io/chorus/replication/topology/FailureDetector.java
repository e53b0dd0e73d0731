package io.chorus.replication.topology;

import io.chorus.replication.ring.NodeId;

import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A heartbeat failure detector counted in ticks: a peer is alive while it was heard from within
 * {@code suspectTicks}, unless the shell reported its connection lost (then it is down until heard
 * from again). Knowing a node is down lets a coordinator answer {@code Unavailable} at once instead
 * of waiting for a timeout. It may be wrong either way; correctness never depends on it.
 */
public final class FailureDetector {
    private final NodeId self;
    private final int suspectTicks;
    private final TreeMap<NodeId, Long> lastHeardTick = new TreeMap<>();
    private final TreeSet<NodeId> unreachable = new TreeSet<>();

    public FailureDetector(NodeId self, int suspectTicks) {
        this.self = self;
        this.suspectTicks = suspectTicks;
    }

    public void heard(NodeId peer, long tick) {
        lastHeardTick.put(peer, tick);
        unreachable.remove(peer);
    }

    public void unreachable(NodeId peer) {
        if (!peer.equals(self)) unreachable.add(peer);
    }

    /** Peers never heard from count from tick 0, so a fresh node gives them {@code suspectTicks} to speak. */
    public boolean isAlive(NodeId node, long tick) {
        if (node.equals(self)) return true;
        if (unreachable.contains(node)) return false;
        return tick - lastHeardTick.getOrDefault(node, 0L) <= suspectTicks;
    }
}
