package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.topology.Member;
import io.chorus.replication.ring.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Logs one line when the replica's failure detector starts or stops judging a peer down, so an
 * operator sees in the log when and why requests began to fail fast with {@code Unavailable}.
 *
 * <p>It lives in the shell and only reads the core's view ({@code isAlive}): after every tick, on the
 * handler thread that owns the replica, it compares each peer's liveness with what it saw last.
 * Every way a verdict changes (silence past {@code failure.suspect.millis}, a dropped connection, a
 * message heard again) shows within one tick, and the core stays free of logging. Peers start as
 * alive, as the detector counts them, so a fresh node logs nothing until a verdict changes.
 */
public final class PeerLivenessLog {
    private static final Logger log = LoggerFactory.getLogger(PeerLivenessLog.class);

    private final NodeId self;
    private final Predicate<NodeId> alive;
    private final Map<NodeId, Boolean> lastSeen = new LinkedHashMap<>();
    private final Map<NodeId, Long> changedAtMillis = new LinkedHashMap<>();

    /** {@code alive} is the core's verdict; call it only from the handler thread. */
    public PeerLivenessLog(NodeId self, List<Member> members, Predicate<NodeId> alive) {
        this.self = self;
        this.alive = alive;
        long now = System.currentTimeMillis();
        for (Member member : members) {
            if (member.id().equals(self)) continue;
            lastSeen.put(member.id(), true);
            changedAtMillis.put(member.id(), now);
        }
    }

    /** Compares every peer's verdict with the last one and logs each change. Handler thread only. */
    public void check() {
        for (Map.Entry<NodeId, Boolean> entry : lastSeen.entrySet()) {
            boolean now = alive.test(entry.getKey());
            if (now == entry.getValue()) continue;
            entry.setValue(now);
            long nowMillis = System.currentTimeMillis();
            long seconds = (nowMillis - changedAtMillis.put(entry.getKey(), nowMillis)) / 1000;
            if (now) {
                log.info("node {}: peer {} is up again (heard from after {} s down)", self, entry.getKey(), seconds);
            } else {
                log.warn("node {}: peer {} judged down (silent past failure.suspect.millis or its connection dropped; was up {} s);"
                        + " requests that need it fail with Unavailable until it is heard from", self, entry.getKey(), seconds);
            }
        }
    }

    /** {@code machine}, with {@link #check()} after every tick. */
    public StateMachine around(StateMachine machine) {
        return new StateMachine() {
            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                machine.onClientRequest(client, requestId, request);
            }

            @Override
            public void onMessage(NodeId from, PeerMessage message) {
                machine.onMessage(from, message);
            }

            @Override
            public void onTick() {
                machine.onTick();
                check();
            }

            @Override
            public void onPeerUnreachable(NodeId peer) {
                machine.onPeerUnreachable(peer);
            }
        };
    }
}
