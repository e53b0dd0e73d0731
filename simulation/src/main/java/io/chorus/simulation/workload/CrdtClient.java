package io.chorus.simulation.workload;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.crdt.type.OrSet;
import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetRemove;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.CrdtCall;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;
import io.chorus.simulation.world.Draw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated CRDT client: one operation at a time on a counter or set key, at a random level,
 * through a random coordinator. An update is retried as the real client retries any write with an
 * operation id (its {@code Resend.IDEMPOTENT_WRITE}, plain puts and deletes included): after a
 * Timeout, no answer, Overloaded, Unavailable or a refused connection it is sent again through a
 * random coordinator under the same operation id, after a jittered exponential backoff, up to
 * {@link CrdtMix#attemptsMax()} sends. The attempt number on the wire is 1 until an attempt may have
 * been applied (a Timeout, no answer), and from then on the number of sends so far, which makes the
 * coordinator settle the operation first; a refusal that applied nothing does not raise it. The History gets one
 * operation per update, whatever its attempts: ok if one attempt was acknowledged, indeterminate if
 * any may have been applied, else failed. Reads are not retried.
 *
 * <p>Every other CRDT client works in a session, as the plain clients do ({@link SimSession}): its
 * reads go at ONE and every request carries the token; the {@code crdt-session} checker judges
 * read-your-writes and monotonic reads of its counters and sets.
 *
 * <p>Operation ids grow with virtual time, as the real client's do with its clock (replicas keep
 * the largest 256 per key): {@code millis << 20 | client << 16 | sequence}, unique across clients.
 */
public final class CrdtClient implements WorkloadClient {
    private static final OpType[] KINDS = {OpType.COUNTER_ADD, OpType.COUNTER_READ, OpType.SET_ADD, OpType.SET_REMOVE, OpType.SET_READ};
    private static final int SEQUENCE_BITS = 16;
    private static final int CLIENT_BITS = 4;

    /** The operation in flight: its attempts so far. */
    private static final class InFlight {
        final int opId;
        final OpType type;
        final Key key;
        final Consistency level;
        final CrdtOp operation; // null for a read
        long operationId;
        int sends = 1;
        long requestId;
        boolean mayHaveApplied;
        boolean backingOff;

        /** The attempt number to send: above 1 only once an earlier send may have been applied (RequestCall's rule). */
        int wireAttempt() {
            return mayHaveApplied ? sends : 1;
        }

        InFlight(int opId, OpType type, Key key, Consistency level, CrdtOp operation, long operationId) {
            this.opId = opId;
            this.type = type;
            this.key = key;
            this.level = level;
            this.operation = operation;
            this.operationId = operationId;
        }
    }

    private final int index;
    private final RandomSource random;
    private final CrdtMix mix;
    private final SimClient.World world;
    private InFlight pending;
    private long nextRequestId = 1;
    private int operationsIssued;
    private final SimSession session; // null when not in sessions
    private boolean started;

    /**
     * @param index     this client's endpoint number, after the plain clients'
     * @param inSession whether it works in a session (its reads then go at ONE, carrying the token)
     */
    public CrdtClient(int index, RandomSource random, CrdtMix mix, SimClient.World world, boolean inSession) {
        if (index >= 1 << CLIENT_BITS) throw new IllegalArgumentException("client " + index + " does not fit the operation ids' " + CLIENT_BITS + " client bits");
        this.index = index;
        this.random = random;
        this.mix = mix;
        this.world = world;
        this.session = inSession ? new SimSession(index) : null;
    }

    @Override
    public void start() {
        if (session != null && started) session.restart(); // resumed after the heal: a new session
        started = true;
        scheduleNext();
    }

    @Override
    public boolean idle() {
        return pending == null;
    }

    private void scheduleNext() {
        world.schedule(world.nowMicros() + Draw.exponential(random, mix.thinkMeanMicros()), this::invokeNext);
    }

    private void invokeNext() {
        if (!world.issuing() || pending != null) return;
        OpType type = KINDS[Draw.weighted(random, mix.counterAddWeight(), mix.counterReadWeight(), mix.setAddWeight(),
                mix.setRemoveWeight(), mix.setReadWeight())];
        if (type.isCrdtRead() && !world.reading()) type = type == OpType.COUNTER_READ ? OpType.COUNTER_ADD : OpType.SET_ADD;
        boolean counter = type == OpType.COUNTER_ADD || type == OpType.COUNTER_READ;
        Key key = Key.of(counter ? "cnt" + random.nextInt(mix.counterKeys()) : "set" + random.nextInt(mix.setKeys()));
        Consistency level = (type.isCrdtRead() ? mix.reads() : mix.writes()).pick(random);
        if (session != null && type.isCrdtRead()) level = Consistency.ONE; // drawn all the same: later draws stay where they were
        int node = random.nextInt(world.nodes().size());
        CrdtCall call = null;
        CrdtOp operation = null;
        if (type == OpType.COUNTER_ADD) {
            long amount = 1 + random.nextInt(CrdtMix.AMOUNT_MAX);
            call = CrdtCall.increment(amount, nextOperationId());
            operation = new CounterAdd(amount);
        } else if (type == OpType.SET_ADD || type == OpType.SET_REMOVE) {
            String element = "x" + random.nextInt(mix.setElements());
            call = CrdtCall.element(element, nextOperationId());
            byte[][] elements = {element.getBytes(StandardCharsets.UTF_8)};
            operation = type == OpType.SET_ADD ? new SetAdd(elements) : new SetRemove(elements);
        }
        History history = world.history();
        int opId = history.nextOpId();
        history.invoke(new Invocation(opId, index, type, key, null, VersionVector.empty(), level, world.nodes().get(node),
                world.nowMicros(), call));
        if (session != null) history.markSession(opId, session.id());
        pending = new InFlight(opId, type, key, level, operation, call == null ? 0 : call.operationId());
        send(node);
    }

    private long nextOperationId() {
        long millis = world.nowMicros() / 1000;
        return millis << (CLIENT_BITS + SEQUENCE_BITS) | (long) index << SEQUENCE_BITS | (operationsIssued++ & ((1 << SEQUENCE_BITS) - 1));
    }

    private void send(int node) {
        InFlight op = pending;
        long requestId = nextRequestId++;
        op.requestId = requestId;
        byte[] token = session == null ? null : session.token();
        ClientRequest request = op.operation == null
                ? new CrdtGet(op.key, op.type == OpType.COUNTER_READ ? CrdtType.PN_COUNTER : CrdtType.OR_SET, op.level.code(), token)
                : new CrdtUpdate(op.key, op.operation, op.operationId, op.wireAttempt(), op.level.code(), false, token);
        world.send(index, node, new ClientFrame(requestId, request));
        world.schedule(world.nowMicros() + mix.clientTimeoutMicros(), () -> onTimeout(requestId));
    }

    private boolean answers(long requestId) {
        return pending != null && !pending.backingOff && pending.requestId == requestId;
    }

    @Override
    public void onReply(ClientReply reply) {
        if (!answers(reply.requestId())) return; // late: the attempt already timed out
        ClientResponse response = reply.response();
        if (session != null) session.absorb(response); // SessionUnsatisfied starts a new session
        long now = world.nowMicros();
        if (pending.operation == null) {
            complete(readCompletion(pending, response, now));
        } else if (response instanceof WriteResult) {
            complete(Completion.afterAttempts(pending.opId, now, Outcome.OK, pending.sends, null, null));
        } else if (response instanceof Failure f) {
            attemptFailed(f.kind(), f.kind() == ErrorKind.TIMEOUT, f.kind().displayName() + " " + f.message());
        } else { // as the real client: an answer it cannot use ends the update, which may have been applied
            world.history().anomaly("client c" + index + " got " + response.getClass().getSimpleName() + " for a " + pending.type + " (op #" + pending.opId + ")");
            pending.mayHaveApplied = true;
            finish(null, "unexpected " + response.getClass().getSimpleName());
        }
    }

    @Override
    public void onRefused(long requestId, NodeId node) {
        if (!answers(requestId)) return;
        String reason = "connection refused: " + node + " is down";
        if (pending.operation == null) complete(Completion.refused(pending.opId, world.nowMicros(), reason));
        else attemptFailed(null, false, reason);
    }

    private void onTimeout(long requestId) {
        if (!answers(requestId)) return;
        String reason = "no answer within " + mix.clientTimeoutMicros() / 1000 + "ms";
        if (pending.operation == null) complete(Completion.indeterminate(pending.opId, world.nowMicros(), reason));
        else attemptFailed(null, true, reason);
    }

    /**
     * An attempt of an update failed ({@code kind} null: no answer, or connection refused): retry it
     * if the policy says a retry can help and the workload still runs, else end the update.
     */
    private void attemptFailed(ErrorKind kind, boolean mayHaveApplied, String reason) {
        InFlight op = pending;
        op.mayHaveApplied |= mayHaveApplied;
        if (op.sends >= mix.attemptsMax() || !world.issuing() || !retries(kind)) {
            finish(kind, reason);
            return;
        }
        op.backingOff = true;
        long wait = mix.backoffMicros(op.sends, Draw.unit(random));
        world.schedule(world.nowMicros() + wait, () -> {
            if (!world.issuing()) { // the workload stopped while we waited: give up as the real client does when closed
                finish(kind, reason + "; no retry, the workload stopped");
                return;
            }
            op.backingOff = false;
            op.sends++;
            if (mix.newIdPerAttempt()) op.operationId = nextOperationId();
            send(random.nextInt(world.nodes().size()));
        });
    }

    /**
     * Resend.mayRetryAfter for a write with an operation id, plus the sim's own two failures, both
     * retried: no answer, and a refused connection.
     */
    private static boolean retries(ErrorKind kind) {
        if (kind == null) return true;
        return switch (kind) {
            case TIMEOUT, OVERLOADED, UNAVAILABLE, SESSION_UNSATISFIED -> true;
            case INVALID_REQUEST, TOO_MANY_SIBLINGS, UNAUTHORIZED -> false;
        };
    }

    private void finish(ErrorKind lastKind, String reason) {
        InFlight op = pending;
        Outcome outcome = op.mayHaveApplied ? Outcome.INDETERMINATE : Outcome.FAIL;
        String why = op.sends == 1 ? reason : reason + " (attempt " + op.sends + " of operation " + op.operationId
                + (op.mayHaveApplied ? "; an earlier attempt may have been applied)" : ")");
        complete(Completion.afterAttempts(op.opId, world.nowMicros(), outcome, op.sends, lastKind, why));
    }

    private void complete(Completion completion) {
        world.history().complete(completion);
        pending = null;
        scheduleNext();
    }

    private Completion readCompletion(InFlight op, ClientResponse response, long now) {
        if (response instanceof Failure f) return Completion.error(op.opId, now, f.kind(), f.message());
        if (response instanceof CrdtValue v) {
            try {
                Crdt<?> value = CrdtCodec.decode(v.value());
                if (op.type == OpType.COUNTER_READ && value instanceof PnCounter c) return Completion.counterRead(op.opId, now, c.value());
                if (op.type == OpType.SET_READ && value instanceof OrSet s) {
                    List<String> elements = new ArrayList<>(s.size());
                    for (Bytes element : s.elements()) elements.add(element.toUtf8());
                    return Completion.setRead(op.opId, now, elements);
                }
                world.history().anomaly("client c" + index + " read a " + value.type().displayName() + " from " + op.key + " (op #" + op.opId + ")");
                return Completion.indeterminate(op.opId, now, "read a " + value.type().displayName());
            } catch (IllegalArgumentException e) {
                world.history().anomaly("client c" + index + " could not decode the CRDT value of " + op.key + " (op #" + op.opId + "): " + e.getMessage());
                return Completion.indeterminate(op.opId, now, "undecodable value: " + e.getMessage());
            }
        }
        world.history().anomaly("client c" + index + " got " + response.getClass().getSimpleName() + " for a " + op.type + " (op #" + op.opId + ")");
        return Completion.indeterminate(op.opId, now, "unexpected " + response.getClass().getSimpleName());
    }
}
