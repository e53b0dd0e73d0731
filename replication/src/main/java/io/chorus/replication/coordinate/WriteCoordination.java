package io.chorus.replication.coordinate;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.MintResult;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.List;

/**
 * What every write shares (riak_kv's put_fsm over the pure {@link WriteTally}): one live replica
 * mints the new version, then what it minted goes to the other live replicas, and the client is
 * answered once W of them stored it (invariant 1), fsynced when the write is durable. Subclasses
 * say what is minted and how.
 */
abstract class WriteCoordination extends Coordination {
    protected final WriteTally tally;
    protected final List<NodeId> liveReplicas;
    protected final NodeId minter;
    protected final boolean durable;
    private byte[] writtenContext; // non-null once the new version exists: what the client gets back

    WriteCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                      List<NodeId> replicas, List<NodeId> liveReplicas, int required, NodeId minter, boolean durable) {
        super(context, opId, client, requestId, key, level);
        this.tally = new WriteTally(replicas, required);
        this.liveReplicas = List.copyOf(liveReplicas);
        this.minter = minter;
        this.durable = durable;
    }

    /** "put", "delete", "counter update"...: for messages. */
    abstract String verb();

    @Override
    void onReply(NodeId from, PeerMessage reply) {
        if (isAnswered()) return;
        if (reply instanceof MintResult minted && from.equals(minter) && writtenContext == null) {
            onMinted(minted);
        } else if (reply instanceof ReplicaWriteAck ack && writtenContext != null) {
            record(from, ack.error());
        }
    }

    /** The new version exists on the minter: count it, and send what it minted to the other live replicas. */
    void onMinted(MintResult minted) {
        if (minted.errorKind() != null) {
            answer(new Failure(minted.errorKind(), minted.error()));
            return;
        }
        writtenContext = context.config().contextSeal().seal(key, minted.contextAfter());
        replicate(minted.delta(), minter);
        record(minter, null);
    }

    /** Sends {@code state} to every live replica but {@code except} (null: to all), each to acknowledge. */
    void replicate(KeyState state, NodeId except) {
        if (writtenContext == null) writtenContext = context.config().contextSeal().seal(key, state.context());
        for (NodeId replica : liveReplicas) {
            if (!replica.equals(except)) context.send(replica, new ReplicaWrite(opId, key, state, true, durable));
        }
    }

    private void record(NodeId replica, String error) {
        if (isAnswered()) return;
        if (error == null) tally.addAck(replica); else tally.addFailure(replica, error);
        if (tally.isSuccess()) {
            answer(new WriteResult(writtenContext, durable, tally.acks().stream().map(NodeId::name).toArray(String[]::new)));
        } else if (tally.isImpossible()) {
            answer(new Failure(ErrorKind.TIMEOUT, "(need " + tally.required() + ", acked " + tally.ackCount() + "): " + level
                    + " " + verb() + " of key " + key + " was refused by " + tally.failures() + "; it is stored on "
                    + tally.acks() + " and may become visible"));
        }
    }

    @Override
    void onDeadline() {
        if (isAnswered()) return;
        answer(new Failure(ErrorKind.TIMEOUT, "(need " + tally.required() + ", acked " + tally.ackCount() + "): " + level + " "
                + verb() + " of key " + key + " was not acknowledged by enough replicas within "
                + context.config().requestTimeoutTicks() + " ticks; it may have been applied (retrying is safe)"));
    }

    @Override
    boolean isFinished() {
        return isAnswered();
    }
}
