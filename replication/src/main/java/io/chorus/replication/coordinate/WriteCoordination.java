package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.HintWrite;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.MintResult;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.QuorumOptions;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.topology.PreferenceEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every write shares (riak_kv's put_fsm over the pure {@link WriteTally}): one live replica
 * mints the new version, then what it minted goes to the other live replicas, and the client is
 * answered once W of them stored it (invariant 1), fsynced when the write is durable. Subclasses
 * say what is minted and how. A retry (attempt &gt; 1) is first settled ({@link RetrySettlement}):
 * applied before? Then only replicated, never minted again; refused before? Then refused again.
 *
 * <p>A primary that is down when the write starts, or that has not answered by the deadline, gets
 * a hint: what was minted goes to its fallback ({@link HintWrite}), which hands it over once the
 * primary is back. A fallback's acknowledgement counts toward W only when the call asked for a
 * sloppy quorum ({@link QuorumOptions#sloppy()}); by default it never does (strict quorum). The write
 * stays in flight after its answer until every live primary answered (or the deadline), so that
 * silent primaries are known and {@link #onAllPrimariesAcked} can follow.
 */
abstract class WriteCoordination extends Coordination {
    protected final WriteTally tally;
    protected final List<NodeId> liveReplicas;
    protected final NodeId minter;
    protected final boolean durable;
    private final List<NodeId> replicas;
    private final TreeSet<NodeId> hinted = new TreeSet<>();
    private final TreeSet<NodeId> fallbacks = new TreeSet<>(); // the nodes given a hint of this write
    private byte[] writtenContext; // non-null once the new version exists: what the client gets back
    private final TreeMap<NodeId, Long> storedIn = new TreeMap<>(); // replicas that stored the write -> their epochs then
    private boolean acknowledgersHoldAnswer = true; // false: only the minter holds all the answer's context covers
    private RetrySettlement settlement; // non-null while a retry is being settled
    private KeyState written;      // what the replicas merge (a minted delta, or a whole state): what hints carry

    WriteCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                      List<NodeId> replicas, List<NodeId> liveReplicas, int required, NodeId minter, boolean durable,
                      QuorumOptions quorum) {
        super(context, opId, client, requestId, key, level);
        this.tally = new WriteTally(replicas, required, quorum.primaries(), quorum.sloppy());
        this.replicas = List.copyOf(replicas);
        this.liveReplicas = List.copyOf(liveReplicas);
        this.minter = minter;
        this.durable = durable;
    }

    /** "put", "delete", "counter update"...: for messages. */
    abstract String verb();

    /** Asks the minter to apply the write. */
    abstract void mint();

    /** This write is a retry of {@code operationId}: settle it before minting; {@code refusalsMarked}: see RetrySettlement. */
    final void settleFirst(long operationId, boolean refusalsMarked) {
        settlement = new RetrySettlement(context, opId, key, replicas, operationId, refusalsMarked);
    }

    @Override
    final void start() {
        if (settlement != null) settlement.start(); else mint();
    }

    @Override
    void onReply(NodeId from, PeerMessage reply) {
        if (settlement != null) { // no answer yet: a deadline answers and finishes the coordination
            if (reply instanceof ReplicaReadResult result) onSettlementRead(from, result);
            return;
        }
        if (reply instanceof MintResult minted && from.equals(minter) && writtenContext == null) {
            onMinted(minted);
        } else if (reply instanceof ReplicaWriteAck ack && writtenContext != null) {
            if (fallbacks.contains(from)) {
                onHintAck(from, ack);
            } else {
                if (ack.ok()) storedIn.put(from, ack.epoch());
                record(from, ack.error());
            }
        }
    }

    private void onSettlementRead(NodeId from, ReplicaReadResult result) {
        if (!settlement.add(from, result)) return;
        RetrySettlement done = settlement;
        settlement = null;
        if (done.appliedBefore()) {
            // The answer's context is the merge of every replica's reply (seed 122): what is replicated
            // now is that whole merge, so each replica acknowledging it holds all the answer covers.
            replicate(done.merged(), null); // applied before: make sure W replicas hold it, without applying it again
        } else if (done.refusedBefore()) {
            answer(new Failure(ErrorKind.TOO_MANY_SIBLINGS, "retried operation " + done.operationId() + " on key " + key
                    + " was refused before (too many concurrent values) and nothing was applied: read the key and write back"
                    + " with the read's context to resolve them"));
        } else {
            mint();
        }
    }

    /** The new version exists on the minter: count it, and send what it minted to the other live replicas. */
    void onMinted(MintResult minted) {
        if (minted.errorKind() != null) {
            answer(new Failure(minted.errorKind(), minted.error()));
            return;
        }
        writtenContext = context.config().contextSeal().seal(key, minted.contextAfter());
        storedIn.put(minter, minted.epoch());
        // The others merge the minted delta: the new version and the context the client wrote with. The
        // answer's context is the minter's whole context, which may also cover versions the others never
        // had (a blind put over the minter's siblings): then they do not hold what the session saw.
        acknowledgersHoldAnswer = minted.delta().context().descends(minted.contextAfter());
        replicate(minted.delta(), minter);
        record(minter, null);
    }

    /** Sends {@code state} to every live replica but {@code except} (null: to all), each to acknowledge. */
    void replicate(KeyState state, NodeId except) {
        if (writtenContext == null) writtenContext = context.config().contextSeal().seal(key, state.context());
        written = state;
        for (NodeId replica : liveReplicas) {
            if (!replica.equals(except)) context.send(replica, new ReplicaWrite(opId, key, state, true, durable));
        }
        List<NodeId> down = new ArrayList<>(replicas);
        down.removeAll(liveReplicas);
        hint(down);
    }

    /**
     * Sends what was written to the fallback of each of {@code primaries} (down or silent), marked
     * for it. A primary with no fallback available (as many nodes up as N or fewer) gets none:
     * anti-entropy repairs it.
     */
    private void hint(List<NodeId> primaries) {
        List<NodeId> wanted = new ArrayList<>(primaries);
        wanted.removeAll(hinted);
        if (wanted.isEmpty() || written == null) return;
        hinted.addAll(wanted);
        for (PreferenceEntry entry : context.topology().preferenceList(key, n -> context.isAlive(n) && !hinted.contains(n))) {
            if (!entry.isPrimary() && wanted.contains(entry.standsInFor())) {
                fallbacks.add(entry.node());
                context.send(entry.node(), new HintWrite(opId, key, written, entry.standsInFor(), durable));
            }
        }
    }

    /** Every live primary acknowledged or refused: nothing more to wait for. */
    private boolean settled() {
        for (NodeId replica : liveReplicas) {
            if (!tally.hasAnswered(replica)) return false;
        }
        return true;
    }

    /** Every primary of the key, not only W of them, stored the write (called once). */
    void onAllPrimariesAcked() {
    }

    /** A fallback kept the hint: in a sloppy quorum it counts toward W; a refused hint is left to anti-entropy. */
    private void onHintAck(NodeId fallback, ReplicaWriteAck ack) {
        if (ack.ok() && tally.addFallbackAck(fallback)) answerIfDecided();
    }

    private void record(NodeId replica, String error) {
        boolean counted = error == null ? tally.addAck(replica) : tally.addFailure(replica, error);
        if (counted && error == null && tally.ackCount() == replicas.size()) onAllPrimariesAcked();
        answerIfDecided();
    }

    private void answerIfDecided() {
        if (isAnswered()) return;
        if (tally.isSuccess()) {
            List<NodeId> ackedBy = new ArrayList<>(tally.acks());
            ackedBy.addAll(tally.fallbackAcks());
            answer(new WriteResult(writtenContext, durable, ackedBy.stream().map(NodeId::name).toArray(String[]::new),
                    sessionAfterWrite()));
        } else if (tally.isImpossible()) {
            answer(new Failure(ErrorKind.TIMEOUT, needed() + level + " " + verb() + " of key " + key + " was refused by "
                    + tally.failures() + "; it is stored on " + tally.acks() + " and may become visible"));
        }
    }

    /**
     * The token to answer with: any primary that acknowledged the write proves it (a fallback's hint
     * is not in the state a read of it returns, so it proves nothing); null if the request carried none.
     */
    private byte[] sessionAfterWrite() {
        if (session == null) return null;
        TreeMap<NodeId, Long> holders = new TreeMap<>();
        for (NodeId replica : tally.acks()) {
            if (acknowledgersHoldAnswer || replica.equals(minter)) holders.put(replica, storedIn.get(replica));
        }
        if (holders.isEmpty() || holders.containsValue(null)) {
            throw Invariants.violated("write of %s answered with acknowledgements of unknown epoch: %s", key, holders);
        }
        return sessionAfter(SessionTokens.afterWrite(session, partition(), holders));
    }

    /** "(need 2, acked 1): ", with the primaries' share when the call asked for one. */
    private String needed() {
        String primaries = tally.primariesRequired() == 0 ? ""
                : "; primaries needed " + tally.primariesRequired() + ", acked " + tally.ackCount();
        return "(need " + tally.required() + ", acked " + tally.countedAcks() + primaries + "): ";
    }

    @Override
    void onDeadline() {
        if (written != null) { // the live primaries still silent get a hint
            List<NodeId> silent = new ArrayList<>();
            for (NodeId replica : liveReplicas) {
                if (!tally.hasAnswered(replica)) silent.add(replica);
            }
            hint(silent);
        }
        if (isAnswered()) return;
        answer(new Failure(ErrorKind.TIMEOUT, needed() + level + " "
                + verb() + " of key " + key + " was not acknowledged by enough replicas within "
                + context.config().requestTimeoutTicks() + " ticks; it may have been applied (retrying is safe)"));
    }

    @Override
    boolean isFinished() {
        return isAnswered() && (written == null || settled());
    }
}
