package io.chorus.simulation.workload;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
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
 * The TTL client: one operation at a time, TTL puts (unique values {@code t<client>-<n>}) and gets
 * of keys {@code ttl*}, at random levels through random coordinators; a put sometimes carries the
 * context of its last read of the key. A put is sent once (no operation id, no retry): one that gets
 * no answer is indeterminate. Records each put's TTL in the History for the {@code expiry} checker.
 */
public final class TtlClient implements WorkloadClient {
    private final int index;
    private final RandomSource random;
    private final TtlMix mix;
    private final SimClient.World world;
    private final TreeMap<Key, byte[]> lastReadContext = new TreeMap<>();
    private int putsIssued;
    private long nextRequestId = 1;
    private int pendingOp = -1;
    private OpType pendingType;
    private Key pendingKey;
    private long pendingRequestId;

    public TtlClient(int index, RandomSource random, TtlMix mix, SimClient.World world) {
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
        return pendingOp < 0;
    }

    private void scheduleNext() {
        world.schedule(world.nowMicros() + Draw.exponential(random, mix.thinkMeanMicros()), this::invokeNext);
    }

    private void invokeNext() {
        if (!world.issuing() || pendingOp >= 0) return;
        Key key = Key.of("ttl" + random.nextInt(mix.keys()));
        OpType type = Draw.weighted(random, mix.putWeight(), mix.getWeight()) == 0 ? OpType.TTL_PUT : OpType.TTL_GET;
        if (type == OpType.TTL_GET && !world.reading()) type = OpType.TTL_PUT;
        Consistency level = (type == OpType.TTL_GET ? mix.reads() : mix.writes()).pick(random);
        int node = random.nextInt(world.nodes().size());
        History history = world.history();
        int opId = history.nextOpId();
        ClientRequest request;
        VersionVector sentContext = VersionVector.empty();
        String value = null;
        if (type == OpType.TTL_PUT) {
            value = "t" + index + "-" + ++putsIssued;
            long ttl = mix.ttlMinMillis() + random.nextInt((int) (mix.ttlMaxMillis() - mix.ttlMinMillis() + 1));
            byte[] context = random.chance(mix.contextWriteBackRate()) ? lastReadContext.get(key) : null;
            sentContext = CausalContext.decode(context);
            request = new Put(key, value.getBytes(StandardCharsets.UTF_8), context, level.code(), false, 0, 1, null, ttl);
            history.invoke(new Invocation(opId, index, type, key, value, sentContext, level, world.nodes().get(node), world.nowMicros()));
            history.markTtl(opId, ttl);
        } else {
            request = new Get(key, level.code());
            history.invoke(new Invocation(opId, index, type, key, null, sentContext, level, world.nodes().get(node), world.nowMicros()));
        }
        pendingOp = opId;
        pendingType = type;
        pendingKey = key;
        pendingRequestId = nextRequestId++;
        long requestId = pendingRequestId;
        world.send(index, node, new ClientFrame(requestId, request));
        world.schedule(world.nowMicros() + mix.clientTimeoutMicros(), () -> {
            if (pendingOp >= 0 && pendingRequestId == requestId) {
                complete(Completion.indeterminate(pendingOp, world.nowMicros(), "no answer within " + mix.clientTimeoutMicros() / 1000 + "ms"));
            }
        });
    }

    @Override
    public void onReply(ClientReply reply) {
        if (pendingOp < 0 || reply.requestId() != pendingRequestId) return;
        complete(completionOf(reply.response()));
    }

    @Override
    public void onRefused(long requestId, NodeId node) {
        if (pendingOp < 0 || requestId != pendingRequestId) return;
        complete(Completion.refused(pendingOp, world.nowMicros(), "connection refused: " + node + " is down"));
    }

    private Completion completionOf(ClientResponse response) {
        long now = world.nowMicros();
        if (response instanceof Failure f) return Completion.error(pendingOp, now, f.kind(), f.message());
        if (pendingType == OpType.TTL_GET && response instanceof GetResult r) {
            List<String> values = new ArrayList<>(r.values().length);
            for (byte[] v : r.values()) values.add(new String(v, StandardCharsets.UTF_8));
            lastReadContext.put(pendingKey, r.context());
            return Completion.ok(pendingOp, now, values, CausalContext.decode(r.context()));
        }
        if (pendingType == OpType.TTL_PUT && response instanceof WriteResult w) {
            return Completion.ok(pendingOp, now, List.of(), CausalContext.decode(w.context()));
        }
        world.history().anomaly("TTL client c" + index + " got " + response.getClass().getSimpleName() + " for a " + pendingType
                + " (op #" + pendingOp + ")");
        return Completion.indeterminate(pendingOp, now, "unexpected " + response.getClass().getSimpleName());
    }

    private void complete(Completion completion) {
        world.history().complete(completion);
        pendingOp = -1;
        scheduleNext();
    }
}
