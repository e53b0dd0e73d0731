package io.chorus.replication.replica;

import io.chorus.replication.Invariants;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Effects;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of the steps since the last Ready, in order. A message to this node itself never
 * reaches the shell: one that may go at once is queued for the router to handle within the same
 * step, one that must wait for persistence travels in the Ready and is handled on advance.
 */
abstract class ReadyBuilder implements Effects {
    private final List<StorageWrite> persist = new ArrayList<>();
    private final List<Outgoing> sendNow = new ArrayList<>();
    private final List<Outgoing> afterPersist = new ArrayList<>();
    private final List<PeerMessage> selfAfterPersist = new ArrayList<>();
    private final ArrayDeque<PeerMessage> toSelf = new ArrayDeque<>();
    private long nextReadyId = 1;

    abstract boolean isSelf(NodeId node);

    @Override
    public void send(NodeId to, PeerMessage message) {
        if (isSelf(to)) toSelf.add(message); else sendNow.add(new Outgoing.ToPeer(to, message));
    }

    @Override
    public void sendAfterPersist(NodeId to, PeerMessage message) {
        if (isSelf(to)) selfAfterPersist.add(message); else afterPersist.add(new Outgoing.ToPeer(to, message));
    }

    @Override
    public void reply(ClientRef client, long requestId, ClientResponse response) {
        afterPersist.add(new Outgoing.ToClient(client, requestId, response));
    }

    @Override
    public void persist(Key key, KeyState state, boolean durable) {
        persist.add(new StorageWrite(key, state, durable));
    }

    /** The next message this step sent to the node itself, or null. */
    PeerMessage nextToSelf() {
        return toSelf.poll();
    }

    boolean hasAny() {
        return !persist.isEmpty() || !sendNow.isEmpty() || !afterPersist.isEmpty() || !selfAfterPersist.isEmpty();
    }

    Ready take() {
        if (!toSelf.isEmpty()) throw Invariants.violated("a Ready taken with %d messages to self undelivered", toSelf.size());
        Ready ready = new Ready(nextReadyId++, persist, sendNow, afterPersist, selfAfterPersist);
        persist.clear();
        sendNow.clear();
        afterPersist.clear();
        selfAfterPersist.clear();
        return ready;
    }
}
