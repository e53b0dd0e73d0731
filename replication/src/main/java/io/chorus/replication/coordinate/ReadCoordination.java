package io.chorus.replication.coordinate;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.Invariants;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A read (riak_kv's get_fsm, over the pure {@link ReadTally}): R live replicas are asked first
 * (this node first when it is one: its answer costs no network), the other live ones only if the
 * answers are slow, or once the read is answered. Read repair, in two parts: the replicas the
 * answer waited for that are behind the merge get it before the client is answered, which waits
 * for their acknowledgements (so that, for R of 2 or more, the next read of any of them sees at
 * least this answer); every other replica that answers behind the final merge gets it afterwards,
 * in the background (every live replica is asked once the answer is out, unless the node's
 * {@code readRepairAskAll} is off; a local read asks its coordinator alone). A read that carries a session token also asks every node the token names for
 * the key's partition and waits for them ({@link SessionRequirement}), or fails with
 * SessionUnsatisfied: never older than the session saw.
 */
final class ReadCoordination extends Coordination {
    private final List<NodeId> replicas;
    private final int required;
    private ReadTally tally;
    private SessionRequirement sessionRequirement; // non-null when the request carries a token
    private final TreeMap<NodeId, Long> epochs = new TreeMap<>(); // who answered, in which epoch
    private final CrdtType crdtType; // non-null: a CRDT read of this type
    private final List<NodeId> spare; // live replicas not asked yet
    private final List<NodeId> first;
    private final Map<NodeId, KeyState> repairedWith = new TreeMap<>(); // the state each repair sent
    private final Set<NodeId> unacknowledgedRepairs = new TreeSet<>();
    private ClientResponse heldAnswer; // non-null while the answer waits for its blocking repairs (its token added at release)
    private KeyState answered;         // the state heldAnswer returns
    private final TreeMap<NodeId, Long> repairedIn = new TreeMap<>(); // blocking repairs stored -> the replica's epoch then
    private int contacted;

    ReadCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                     List<NodeId> replicas, List<NodeId> live, int required, CrdtType crdtType) {
        super(context, opId, client, requestId, key, level);
        this.replicas = List.copyOf(replicas);
        this.required = required;
        this.tally = new ReadTally(replicas, required);
        this.crdtType = crdtType;
        List<NodeId> ask = new ArrayList<>(live);
        if (ask.remove(context.self())) ask.add(0, context.self());
        this.first = List.copyOf(ask.subList(0, required));
        this.spare = new ArrayList<>(ask.subList(required, ask.size()));
    }

    @Override
    void start() {
        if (session == null) {
            ask(first);
            return;
        }
        sessionRequirement = new SessionRequirement(session, partition(), context.hasBug(InjectedBug.IGNORE_SESSION_TOKEN));
        if (sessionRequirement.isUnsatisfiable()) {
            answer(unsatisfied());
            return;
        }
        List<NodeId> extra = new ArrayList<>(sessionRequirement.nodes());
        extra.removeAll(first);
        spare.removeAll(extra);
        if (!extra.isEmpty()) {
            List<NodeId> all = new ArrayList<>(replicas);
            for (NodeId node : extra) if (!all.contains(node)) all.add(node); // named by the token, no longer a replica
            tally = new ReadTally(all, required);
        }
        List<NodeId> ask = new ArrayList<>(first);
        ask.addAll(extra);
        ask(ask);
    }

    private Failure unsatisfied() {
        return new Failure(ErrorKind.SESSION_UNSATISFIED, "(asked " + contacted + ", answered " + tally.replyCount() + "): " + level
                + " read of key " + key + " cannot be served as new as the session token: " + sessionRequirement.shortfall());
    }

    private boolean sessionMet() {
        return sessionRequirement == null || sessionRequirement.isMet();
    }

    private void ask(List<NodeId> replicas) {
        contacted += replicas.size();
        for (NodeId replica : replicas) context.send(replica, new ReplicaRead(opId, key));
    }

    /** Asks the live replicas not asked yet (once). */
    private void askSpare() {
        if (spare.isEmpty()) return;
        List<NodeId> more = List.copyOf(spare);
        spare.clear();
        ask(more);
    }

    @Override
    void onSlow() {
        if (!isAnswered()) askSpare();
    }

    @Override
    void onReply(NodeId from, PeerMessage reply) {
        if (reply instanceof ReplicaWriteAck ack) {
            if (ack.ok() && heldAnswer != null && unacknowledgedRepairs.contains(from)) repairedIn.put(from, ack.epoch());
            if (unacknowledgedRepairs.remove(from) && unacknowledgedRepairs.isEmpty() && heldAnswer != null) release();
        } else if (reply instanceof ReplicaReadResult result && tally.addResult(from, result.siblings())) {
            epochs.put(from, result.epoch());
            if (sessionRequirement != null) sessionRequirement.answered(from, result.epoch());
            if (!isAnswered() && heldAnswer == null && sessionRequirement != null && sessionRequirement.isUnsatisfiable()) {
                answer(unsatisfied());
            } else if (!isAnswered() && heldAnswer == null && tally.isDone() && sessionMet()) {
                onEnough();
            }
        }
        if (isFinished()) repairInBackground();
    }

    /** R replicas answered: repair the ones behind and wait for them, or answer at once if none is. */
    private void onEnough() {
        KeyState merged = tally.response();
        answered = context.hasBug(InjectedBug.SKIP_SIBLING_MERGE) ? tally.lastReply() : merged;
        heldAnswer = answerFor(answered, null);
        Map<NodeId, KeyState> behind = tally.repairs();
        if (behind.isEmpty()) {
            release();
            return;
        }
        context.readRepaired(behind.size());
        for (NodeId replica : behind.keySet()) {
            repairedWith.put(replica, merged);
            unacknowledgedRepairs.add(replica);
            context.send(replica, new ReplicaWrite(opId, key, merged, true, false));
        }
    }

    /**
     * The held answer goes out; the replicas not asked yet are asked now, to be repaired if behind
     * (unless the node is configured to leave them to anti-entropy: {@code readRepairAskAll}).
     */
    private void release() {
        ClientResponse response = withSession(heldAnswer);
        heldAnswer = null;
        answer(response);
        if (context.config().readRepairAskAll()) askSpare();
    }

    @Override
    void onDeadline() {
        if (!isAnswered() && heldAnswer == null && tally.isDone()) {
            answer(unsatisfied()); // enough replicas answered, but not the ones the session needs
        } else if (!isAnswered()) {
            String waitedFor = heldAnswer == null
                    ? "did not hear from enough replicas within "
                    : "read repair of " + unacknowledgedRepairs + " was not acknowledged within ";
            answer(new Failure(ErrorKind.TIMEOUT, "(need " + tally.required() + ", answered " + tally.replyCount() + "): "
                    + level + " read of key " + key + " " + waitedFor + context.config().requestTimeoutTicks() + " ticks"));
            heldAnswer = null;
        }
        if (tally.replyCount() > 1) repairInBackground();
    }

    @Override
    boolean isFinished() {
        return isAnswered() && tally.replyCount() >= contacted;
    }

    /** Every replica that answered with less than the final merge, and was not sent it yet, gets it. */
    private void repairInBackground() {
        Map<NodeId, KeyState> repairs = tally.repairs();
        repairs.entrySet().removeIf(r -> r.getValue().equals(repairedWith.get(r.getKey())));
        if (repairs.isEmpty()) return;
        context.readRepaired(repairs.size());
        for (Map.Entry<NodeId, KeyState> repair : repairs.entrySet()) {
            repairedWith.put(repair.getKey(), repair.getValue());
            context.send(repair.getKey(), ReplicaWrite.repair(key, repair.getValue()));
        }
    }

    /**
     * The answer with its session token: the replicas that hold all of it now, those whose reply
     * was the answer and those its blocking repair reached, any of which proves it (null: no token).
     */
    private ClientResponse withSession(ClientResponse answer) {
        if (session == null) return answer;
        if (answered == null) throw Invariants.violated("read of %s releases an answer with no state behind it", key);
        byte[] token = sessionAfter(SessionTokens.afterRead(session, partition(), answered, tally.replies(), epochs, repairedIn));
        if (answer instanceof GetResult r) return new GetResult(r.values(), r.context(), r.answeredBy(), r.readRepair(), token);
        if (answer instanceof CrdtValue v) return new CrdtValue(v.value(), token);
        return answer; // a refusal (a read of the wrong kind): no token
    }

    private static String[] names(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::name).toArray(String[]::new);
    }

    /** The read's answer: plain values, or the CRDT value, refusing a read of the wrong kind. */
    private ClientResponse answerFor(KeyState merged, byte[] sessionAfter) {
        Crdt<?> crdt = merged.crdt();
        if (crdtType == null) {
            if (crdt != null && !crdt.isEmpty() && !merged.hasLiveValues()) {
                return new Failure(ErrorKind.INVALID_REQUEST, "key " + key + " holds a " + crdt.type().displayName()
                        + ", not plain values: read it as a " + crdt.type().displayName());
            }
            // Values expired by this node's clock are never returned; the context still covers them.
            long nowMillis = context.hasBug(InjectedBug.RETURN_EXPIRED_VALUES) ? Long.MIN_VALUE : context.wallMillis();
            return new GetResult(merged.liveValues(nowMillis).toArray(new byte[0][]),
                    context.config().contextSeal().seal(key, merged.context()),
                    names(tally.responders()), !tally.repairs().isEmpty(), sessionAfter);
        }
        if (merged.hasLiveValues()) {
            return new Failure(ErrorKind.INVALID_REQUEST, "key " + key + " holds plain values, not a " + crdtType.displayName());
        }
        if (crdt != null && crdt.type() != crdtType) {
            return new Failure(ErrorKind.INVALID_REQUEST, "key " + key + " holds a " + crdt.type().displayName()
                    + ", not a " + crdtType.displayName() + ": a key's type is fixed by its first write");
        }
        return new CrdtValue(CrdtCodec.encode(crdt == null ? crdtType.empty() : crdt), sessionAfter);
    }
}
