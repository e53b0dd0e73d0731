package io.chorus.torture.workload;

import io.chorus.client.ChorusClient;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteAck;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.state.Key;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.CrdtCall;
import io.chorus.simulation.history.OpType;

import io.chorus.replication.ring.NodeId;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One client thread: plain registers by read-modify-write with the read's context (and now and then
 * a blind put or a delete), counter increments and reads, set adds, removes and reads, on a few keys
 * so that clients contend. Every value written is unique in the run ({@code c<client>-<n>}).
 * Operations run one at a time, until {@link #stop}.
 */
public final class Worker implements Runnable {
    static final int REGISTER_KEYS = 8;
    static final int COUNTER_KEYS = 2;
    static final int SET_KEYS = 2;
    static final int SET_ELEMENTS = 6;

    private final int client;
    private final ChorusClient chorus;
    private final Recorder recorder;
    private final SplittableRandom random;
    private final List<InetSocketAddress> nodes;
    private volatile boolean stopping;
    private long written;

    /** @param nodes every node's address, in name order (n1 first) */
    public Worker(int client, ChorusClient chorus, List<InetSocketAddress> nodes, Recorder recorder, long seed) {
        this.client = client;
        this.nodes = List.copyOf(nodes);
        this.chorus = chorus;
        this.recorder = recorder;
        this.random = new SplittableRandom(seed);
    }

    public void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        while (!stopping) {
            int pick = random.nextInt(100);
            if (pick < 40) readModifyWrite();
            else if (pick < 45) blindPut();
            else if (pick < 50) readThenDelete();
            else if (pick < 65) counterAdd();
            else if (pick < 75) counterRead();
            else if (pick < 90) setUpdate();
            else setRead();
        }
    }

    private Consistency level() {
        int pick = random.nextInt(100);
        return pick < 70 ? Consistency.QUORUM : pick < 85 ? Consistency.ONE : Consistency.ALL;
    }

    private String registerKey() {
        return "k" + random.nextInt(REGISTER_KEYS);
    }

    private String nextValue() {
        return "c" + client + "-" + (++written);
    }

    private void readModifyWrite() {
        String key = registerKey();
        ReadResult read = get(key);
        if (read != null) put(key, nextValue(), read.context());
    }

    private void blindPut() {
        put(registerKey(), nextValue(), Context.NONE);
    }

    private void readThenDelete() {
        String key = registerKey();
        ReadResult read = get(key);
        if (read == null || read.context().isNone()) return;
        Consistency level = level();
        int id = recorder.invoke(client, OpType.DELETE, Key.of(key), null, vector(read.context()), level, null);
        try {
            WriteAck ack = chorus.delete(key, read.context(), level);
            recorder.complete(at -> Completion.ok(id, at, List.of(), vector(ack.context())));
        } catch (RuntimeException e) {
            recorder.fail(id, e);
        }
    }

    /**
     * A get; null unless it succeeded. Half of them name a coordinator at random, as the simulator's
     * clients do: the client alone would always pick the key's first replica, which coordinates its
     * writes too, and a read through the very node that took a write cannot be stale.
     */
    private ReadResult get(String key) {
        Consistency level = level();
        int via = random.nextBoolean() ? random.nextInt(nodes.size()) : -1;
        NodeId coordinator = via < 0 ? null : NodeId.of("n" + (via + 1));
        int id = recorder.invoke(client, OpType.GET, Key.of(key), null, VersionVector.empty(), level, null, coordinator);
        try {
            ReadResult read = via < 0 ? chorus.get(key, level) : chorus.get(key, level, nodes.get(via));
            recorder.complete(at -> Completion.ok(id, at, Recorder.utf8(read.values()), vector(read.context())));
            return read;
        } catch (RuntimeException e) {
            recorder.fail(id, e);
            return null;
        }
    }

    private void put(String key, String value, Context context) {
        Consistency level = level();
        int id = recorder.invoke(client, OpType.PUT, Key.of(key), value, vector(context), level, null);
        try {
            WriteAck ack = chorus.put(key, value.getBytes(StandardCharsets.UTF_8), context, level);
            recorder.complete(at -> Completion.ok(id, at, List.of(), vector(ack.context())));
        } catch (RuntimeException e) {
            recorder.fail(id, e);
        }
    }

    private void counterAdd() {
        String key = "cnt" + random.nextInt(COUNTER_KEYS);
        long amount = 1 + random.nextInt(5);
        Consistency level = level();
        int id = recorder.invoke(client, OpType.COUNTER_ADD, Key.of(key), null, VersionVector.empty(), level,
                CrdtCall.increment(amount, recorder.nextOperationId()));
        update(id, () -> chorus.counter(key).increment(amount, level));
    }

    private void counterRead() {
        String key = "cnt" + random.nextInt(COUNTER_KEYS);
        Consistency level = level();
        int id = recorder.invoke(client, OpType.COUNTER_READ, Key.of(key), null, VersionVector.empty(), level, null);
        try {
            long value = chorus.counter(key).value(level);
            recorder.complete(at -> Completion.counterRead(id, at, value));
        } catch (RuntimeException e) {
            recorder.fail(id, e);
        }
    }

    private void setUpdate() {
        String key = "set" + random.nextInt(SET_KEYS);
        String element = "e" + random.nextInt(SET_ELEMENTS);
        boolean add = random.nextInt(3) > 0;
        Consistency level = level();
        int id = recorder.invoke(client, add ? OpType.SET_ADD : OpType.SET_REMOVE, Key.of(key), null, VersionVector.empty(), level,
                CrdtCall.element(element, recorder.nextOperationId()));
        update(id, () -> {
            if (add) chorus.set(key).add(element, level);
            else chorus.set(key).remove(element, level);
        });
    }

    private void setRead() {
        String key = "set" + random.nextInt(SET_KEYS);
        Consistency level = level();
        int id = recorder.invoke(client, OpType.SET_READ, Key.of(key), null, VersionVector.empty(), level, null);
        try {
            List<String> elements = chorus.set(key).elements(level);
            recorder.complete(at -> Completion.setRead(id, at, elements));
        } catch (RuntimeException e) {
            recorder.fail(id, e);
        }
    }

    private void update(int id, Runnable call) {
        try {
            call.run();
            recorder.complete(at -> Completion.afterAttempts(id, at, io.chorus.simulation.history.Outcome.OK, 1, null, null));
        } catch (RuntimeException e) {
            recorder.failUpdate(id, e);
        }
    }

    static VersionVector vector(Context context) {
        return context.isNone() ? VersionVector.empty() : CausalContext.decode(context.bytes());
    }
}
