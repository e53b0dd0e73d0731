package io.chorus.simulation.workload;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.QuorumOptions;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;
import io.chorus.simulation.world.Draw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One simulated client: one operation at a time, on a random key, at a random level, through a
 * random coordinator. It keeps the context of its last read of each key and sometimes writes back
 * with it; after TooManySiblings it reads the key and writes back with the read's context, which
 * resolves the siblings, as the error message tells users to.
 *
 * <p>Every put and delete carries an operation id (even, growing with virtual time, like the real
 * client's); one that times out (or gets no answer) is retried once through a random coordinator
 * with the same id and attempt 2, so that the checkers see whether a retried write is applied once
 * (the phantoms checker: one dot per value). The History gets one operation per write, whatever its
 * attempts: ok if one was acknowledged, indeterminate if any may have been applied, else failed.
 *
 * <p>Even-numbered clients work in a session: every request carries the session's token, every
 * answer's token is merged into it, and their reads are at ONE (through random coordinators, under
 * every fault), which only the token keeps from going back in time. A read answered
 * SessionUnsatisfied ends the session (a node it depended on restarted, or was unreachable in
 * time): the client starts a new one, as an application would, and so does a client resumed after
 * the heal (nodes that were down restarted in new epochs, which no old token can be proved against). The {@code session} checker judges
 * read-your-writes and monotonic reads within each session.
 */
public final class SimClient implements WorkloadClient {
    /** What a client needs from the world. */
    public interface World {
        long nowMicros();

        void schedule(long atMicros, Runnable action);

        void send(int client, int node, ClientFrame frame);

        /** Whether clients may start new operations (false once the run stops its workload). */
        boolean issuing();

        /** Whether clients may read now (false while a run without client reads is in its fault phase). */
        default boolean reading() {
            return true;
        }

        History history();

        List<NodeId> nodes();
    }

    private static final OpType[] PLAIN = {OpType.GET, OpType.PUT, OpType.DELETE};

    /** Attempts per put or delete, the first included. */
    private static final int WRITE_ATTEMPTS_MAX = 2;
    private static final int SEQUENCE_BITS = 15;

    /** The operation in flight; a write's retry reuses its request with the next attempt number. */
    private static final class Pending {
        final int opId;
        final OpType type;
        final Key key;
        ClientRequest request;
        long requestId;
        boolean mayHaveApplied;

        Pending(int opId, OpType type, Key key, ClientRequest request) {
            this.opId = opId;
            this.type = type;
            this.key = key;
            this.request = request;
        }

        int attempt() {
            return request instanceof Put p ? p.attempt() : request instanceof Delete d ? d.attempt() : 1;
        }
    }

    private final int index;
    private final RandomSource random;
    private final WorkloadMix mix;
    private final World world;
    private final TreeMap<Key, byte[]> lastReadContext = new TreeMap<>();
    private Key resolving;
    private Pending pending;
    private long nextRequestId = 1;
    private int putsIssued;
    private int writesIssued;
    private final SimSession session; // null when not in sessions
    private boolean started;

    public SimClient(int index, RandomSource random, WorkloadMix mix, World world) {
        this.index = index;
        this.random = random;
        this.mix = mix;
        this.world = world;
        this.session = index % 2 == 0 ? new SimSession(index) : null;
    }

    /** The token requests carry: null outside a session. */
    private byte[] sessionToken() {
        return session == null ? null : session.token();
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
        Key key = resolving != null ? resolving : Key.of("k" + random.nextInt(mix.keys()));
        OpType type = resolving != null ? (lastReadContext.containsKey(key) ? OpType.PUT : OpType.GET)
                : PLAIN[Draw.weighted(random, mix.getWeight(), mix.putWeight(), mix.deleteWeight())];
        if (type == OpType.GET && !world.reading()) type = OpType.PUT; // a write instead: the run tests repair without reads
        boolean resolvingWrite = resolving != null && type == OpType.PUT && lastReadContext.containsKey(key);
        if (resolvingWrite) resolving = null;
        Consistency level = (type == OpType.GET ? mix.reads() : mix.writes()).pick(random);
        if (session != null && type == OpType.GET) level = Consistency.ONE; // drawn all the same: later draws stay where they were
        byte[] context = type != OpType.GET && (resolvingWrite || random.chance(mix.contextWriteBackRate())) ? lastReadContext.get(key) : null;
        String value = type == OpType.PUT ? "c" + index + "-" + ++putsIssued : null;
        int node = random.nextInt(world.nodes().size());
        History history = world.history();
        int opId = history.nextOpId();
        boolean durable = type != OpType.GET && isDurable(opId);
        QuorumOptions quorum = type != OpType.GET && isSloppy(opId, mix.sloppyWriteRate()) ? SLOPPY : null;
        ClientRequest request = switch (type) {
            case GET -> new Get(key, level.code(), sessionToken());
            case PUT -> new Put(key, value.getBytes(StandardCharsets.UTF_8), context, level.code(), durable, nextOperationId(), 1, sessionToken(),
                    quorum);
            case DELETE -> new Delete(key, context, level.code(), durable, nextOperationId(), 1, sessionToken(), quorum);
            default -> throw new AssertionError("not a plain operation: " + type);
        };
        history.invoke(new Invocation(opId, index, type, key, value, CausalContext.decode(context), level,
                world.nodes().get(node), world.nowMicros()));
        if (durable) history.markDurable(opId);
        if (quorum != null) history.markSloppy(opId);
        if (session != null) history.markSession(opId, session.id());
        pending = new Pending(opId, type, key, request);
        send(node);
    }

    private void send(int node) {
        long requestId = nextRequestId++;
        pending.requestId = requestId;
        world.send(index, node, new ClientFrame(requestId, pending.request));
        world.schedule(world.nowMicros() + mix.clientTimeoutMicros(), () -> onTimeout(requestId));
    }

    /** {@code millis << 20 | client << 15 | sequence << 1}: even (bit 0 is the replicas' refusal mark), growing with time. */
    private long nextOperationId() {
        long millis = world.nowMicros() / 1000;
        return millis << 20 | (long) (index & 0x1F) << SEQUENCE_BITS | (long) (writesIssued++ & ((1 << (SEQUENCE_BITS - 1)) - 1)) << 1;
    }

    /**
     * A write's attempt may have been applied but was not acknowledged: retry it once through a
     * random coordinator, same operation id, next attempt. True if a retry was sent.
     */
    private boolean retried() {
        Pending op = pending;
        op.mayHaveApplied = true;
        if (op.attempt() >= WRITE_ATTEMPTS_MAX || !world.issuing()) return false;
        if (op.request instanceof Put p) {
            op.request = new Put(p.key(), p.value(), p.context(), p.consistency(), p.durable(), p.operationId(), p.attempt() + 1, p.session(),
                    p.quorum());
        } else if (op.request instanceof Delete d) {
            op.request = new Delete(d.key(), d.context(), d.consistency(), d.durable(), d.operationId(), d.attempt() + 1, d.session(),
                    d.quorum());
        } else {
            return false; // reads are not retried
        }
        send(random.nextInt(world.nodes().size()));
        return true;
    }

    /**
     * A quarter of the writes ask to be durable. Decided from the op id, not drawn: a new draw would
     * shift every later draw of the client's stream, and every run would differ from the one its
     * seed named before durable writes existed.
     */
    /** A write that asks for a sloppy quorum: fallbacks that keep a hint for a down primary count toward W. */
    private static final QuorumOptions SLOPPY = new QuorumOptions(0, true, false);

    /** Whether write {@code opId} is sloppy: from the op id, as {@link #isDurable}, so that no draw shifts. */
    private static boolean isSloppy(int opId, double rate) {
        return rate > 0 && ((opId * 0xD1B54A32D192ED03L) >>> 11) < rate * (1L << 53);
    }

    private static boolean isDurable(int opId) {
        return ((opId * 0x9E3779B97F4A7C15L) >>> 62) == 0;
    }

    @Override
    public void onReply(ClientReply reply) {
        if (pending == null || pending.requestId != reply.requestId()) return; // late: the op already timed out
        if (reply.response() instanceof Failure f && f.kind() == ErrorKind.TIMEOUT && retried()) return;
        if (session != null) session.absorb(reply.response()); // SessionUnsatisfied starts a new session
        complete(afterAttempts(completionOf(pending, reply.response())));
    }

    @Override
    public void onRefused(long requestId, NodeId node) {
        if (pending == null || pending.requestId != requestId) return;
        complete(afterAttempts(Completion.refused(pending.opId, world.nowMicros(), "connection refused: " + node + " is down")));
    }

    private void onTimeout(long requestId) {
        if (pending == null || pending.requestId != requestId) return;
        if (retried()) return;
        complete(Completion.indeterminate(pending.opId, world.nowMicros(), "no answer within " + mix.clientTimeoutMicros() / 1000 + "ms"));
    }

    /** A retried write's completion: a failure of the last attempt is indeterminate if an earlier one may have applied. */
    private Completion afterAttempts(Completion last) {
        int attempts = pending.attempt();
        if (attempts == 1) return last;
        Outcome outcome = last.outcome() == Outcome.FAIL && pending.mayHaveApplied ? Outcome.INDETERMINATE : last.outcome();
        String why = last.error() == null ? null : last.error() + " (attempt " + attempts + "; an earlier attempt may have been applied)";
        return new Completion(last.opId(), outcome, last.atMicros(), last.values(), last.context(), last.errorKind(), why,
                last.counterValue(), attempts);
    }

    private void complete(Completion completion) {
        world.history().complete(completion);
        pending = null;
        scheduleNext();
    }

    private Completion completionOf(Pending op, ClientResponse response) {
        long now = world.nowMicros();
        if (response instanceof Failure f) {
            if (f.kind() == ErrorKind.TOO_MANY_SIBLINGS) {
                resolving = op.key;
                lastReadContext.remove(op.key);
            }
            return Completion.error(op.opId, now, f.kind(), f.message());
        }
        try {
            if (op.type == OpType.GET && response instanceof GetResult r) {
                List<String> values = new ArrayList<>(r.values().length);
                for (byte[] v : r.values()) values.add(new String(v, StandardCharsets.UTF_8));
                VersionVector context = CausalContext.decode(r.context());
                if (context.isEmpty()) lastReadContext.remove(op.key); else lastReadContext.put(op.key, r.context());
                return Completion.ok(op.opId, now, values, context);
            }
            if (op.type != OpType.GET && response instanceof WriteResult w) {
                if (world.history().isDurable(op.opId) && !w.durable()) {
                    world.history().anomaly("client c" + index + " asked for a durable write and was acknowledged without durability (op #" + op.opId + ")");
                }
                return Completion.ok(op.opId, now, List.of(), CausalContext.decode(w.context()));
            }
            world.history().anomaly("client c" + index + " got " + response.getClass().getSimpleName() + " for a " + op.type + " (op #" + op.opId + ")");
            return Completion.indeterminate(op.opId, now, "unexpected " + response.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            world.history().anomaly("client c" + index + " could not decode the context returned for op #" + op.opId + ": " + e.getMessage());
            return Completion.indeterminate(op.opId, now, "bad context: " + e.getMessage());
        }
    }
}
