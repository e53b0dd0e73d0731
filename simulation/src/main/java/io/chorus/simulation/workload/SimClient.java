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
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;
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

    private record Pending(long requestId, int opId, OpType type, Key key) {
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

    public SimClient(int index, RandomSource random, WorkloadMix mix, World world) {
        this.index = index;
        this.random = random;
        this.mix = mix;
        this.world = world;
    }

    @Override
    public void start() {
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
        byte[] context = type != OpType.GET && (resolvingWrite || random.chance(mix.contextWriteBackRate())) ? lastReadContext.get(key) : null;
        String value = type == OpType.PUT ? "c" + index + "-" + ++putsIssued : null;
        int node = random.nextInt(world.nodes().size());
        History history = world.history();
        int opId = history.nextOpId();
        boolean durable = type != OpType.GET && isDurable(opId);
        ClientRequest request = switch (type) {
            case GET -> new Get(key, level.code());
            case PUT -> new Put(key, value.getBytes(StandardCharsets.UTF_8), context, level.code(), durable);
            case DELETE -> new Delete(key, context, level.code(), durable);
            default -> throw new AssertionError("not a plain operation: " + type);
        };
        history.invoke(new Invocation(opId, index, type, key, value, CausalContext.decode(context), level,
                world.nodes().get(node), world.nowMicros()));
        if (durable) history.markDurable(opId);
        long requestId = nextRequestId++;
        pending = new Pending(requestId, opId, type, key);
        world.send(index, node, new ClientFrame(requestId, request));
        world.schedule(world.nowMicros() + mix.clientTimeoutMicros(), () -> onTimeout(requestId));
    }

    /**
     * A quarter of the writes ask to be durable. Decided from the op id, not drawn: a new draw would
     * shift every later draw of the client's stream, and every run would differ from the one its
     * seed named before durable writes existed.
     */
    private static boolean isDurable(int opId) {
        return ((opId * 0x9E3779B97F4A7C15L) >>> 62) == 0;
    }

    @Override
    public void onReply(ClientReply reply) {
        if (pending == null || pending.requestId() != reply.requestId()) return; // late: the op already timed out
        complete(completionOf(pending, reply.response()));
    }

    @Override
    public void onRefused(long requestId, NodeId node) {
        if (pending == null || pending.requestId() != requestId) return;
        complete(Completion.refused(pending.opId(), world.nowMicros(), "connection refused: " + node + " is down"));
    }

    private void onTimeout(long requestId) {
        if (pending == null || pending.requestId() != requestId) return;
        complete(Completion.indeterminate(pending.opId(), world.nowMicros(), "no answer within " + mix.clientTimeoutMicros() / 1000 + "ms"));
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
                resolving = op.key();
                lastReadContext.remove(op.key());
            }
            return Completion.error(op.opId(), now, f.kind(), f.message());
        }
        try {
            if (op.type() == OpType.GET && response instanceof GetResult r) {
                List<String> values = new ArrayList<>(r.values().length);
                for (byte[] v : r.values()) values.add(new String(v, StandardCharsets.UTF_8));
                VersionVector context = CausalContext.decode(r.context());
                if (context.isEmpty()) lastReadContext.remove(op.key()); else lastReadContext.put(op.key(), r.context());
                return Completion.ok(op.opId(), now, values, context);
            }
            if (op.type() != OpType.GET && response instanceof WriteResult w) {
                if (world.history().isDurable(op.opId()) && !w.durable()) {
                    world.history().anomaly("client c" + index + " asked for a durable write and was acknowledged without durability (op #" + op.opId() + ")");
                }
                return Completion.ok(op.opId(), now, List.of(), CausalContext.decode(w.context()));
            }
            world.history().anomaly("client c" + index + " got " + response.getClass().getSimpleName() + " for a " + op.type() + " (op #" + op.opId() + ")");
            return Completion.indeterminate(op.opId(), now, "unexpected " + response.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            world.history().anomaly("client c" + index + " could not decode the context returned for op #" + op.opId() + ": " + e.getMessage());
            return Completion.indeterminate(op.opId(), now, "bad context: " + e.getMessage());
        }
    }
}
