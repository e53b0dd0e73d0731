package io.chorus.replication.coordinate;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
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
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A read (riak_kv's get_fsm, over the pure {@link ReadTally}): R live replicas are asked first
 * (this node first when it is one: its answer costs no network), the other live ones only if the
 * answers are slow. Answered after R replies with their merge; once every contacted replica
 * replied, the ones behind get the merge (read repair).
 */
final class ReadCoordination extends Coordination {
    private final ReadTally tally;
    private final CrdtType crdtType; // non-null: a CRDT read of this type
    private final List<NodeId> spare; // live replicas not asked yet
    private final List<NodeId> first;
    private int contacted;

    ReadCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                     List<NodeId> replicas, List<NodeId> live, int required, CrdtType crdtType) {
        super(context, opId, client, requestId, key, level);
        this.tally = new ReadTally(replicas, required);
        this.crdtType = crdtType;
        List<NodeId> ask = new ArrayList<>(live);
        if (ask.remove(context.self())) ask.add(0, context.self());
        this.first = List.copyOf(ask.subList(0, required));
        this.spare = new ArrayList<>(ask.subList(required, ask.size()));
    }

    @Override
    void start() {
        ask(first);
    }

    private void ask(List<NodeId> replicas) {
        contacted += replicas.size();
        for (NodeId replica : replicas) context.send(replica, new ReplicaRead(opId, key));
    }

    @Override
    void onSlow() {
        if (isAnswered() || spare.isEmpty()) return;
        List<NodeId> more = List.copyOf(spare);
        spare.clear();
        ask(more);
    }

    @Override
    void onReply(NodeId from, PeerMessage reply) {
        if (!(reply instanceof ReplicaReadResult result) || !tally.addResult(from, result.siblings())) return;
        if (!isAnswered() && tally.isDone()) {
            KeyState merged = context.hasBug(InjectedBug.SKIP_SIBLING_MERGE) ? tally.lastReply() : tally.response();
            answer(answerFor(merged));
        }
        if (isFinished()) repair();
    }

    @Override
    void onDeadline() {
        if (!isAnswered()) {
            answer(new Failure(ErrorKind.TIMEOUT, "(need " + tally.required() + ", answered " + tally.replyCount() + "): "
                    + level + " read of key " + key + " did not hear from enough replicas within "
                    + context.config().requestTimeoutTicks() + " ticks"));
        }
        if (tally.replyCount() > 1) repair();
    }

    @Override
    boolean isFinished() {
        return isAnswered() && tally.replyCount() >= contacted;
    }

    /** Read repair: every replica that answered with less than the merge gets the merge. */
    private void repair() {
        Map<NodeId, KeyState> repairs = tally.repairs();
        if (repairs.isEmpty()) return;
        context.readRepaired(repairs.size());
        for (Map.Entry<NodeId, KeyState> repair : repairs.entrySet()) {
            context.send(repair.getKey(), ReplicaWrite.repair(key, repair.getValue()));
        }
    }

    /** The read's answer: plain values, or the CRDT value, refusing a read of the wrong kind. */
    private ClientResponse answerFor(KeyState merged) {
        Crdt<?> crdt = merged.crdt();
        if (crdtType == null) {
            if (crdt != null && !crdt.isEmpty() && !merged.hasLiveValues()) {
                return new Failure(ErrorKind.INVALID_REQUEST, "key " + key + " holds a " + crdt.type().displayName()
                        + ", not plain values: read it as a " + crdt.type().displayName());
            }
            return new GetResult(merged.liveValues().toArray(new byte[0][]), context.config().contextSeal().seal(key, merged.context()));
        }
        if (merged.hasLiveValues()) {
            return new Failure(ErrorKind.INVALID_REQUEST, "key " + key + " holds plain values, not a " + crdtType.displayName());
        }
        if (crdt != null && crdt.type() != crdtType) {
            return new Failure(ErrorKind.INVALID_REQUEST, "key " + key + " holds a " + crdt.type().displayName()
                    + ", not a " + crdtType.displayName() + ": a key's type is fixed by its first write");
        }
        return new CrdtValue(CrdtCodec.encode(crdt == null ? crdtType.empty() : crdt));
    }
}
