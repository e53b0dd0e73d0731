package io.chorus.ycsb;

import io.chorus.client.ChorusException;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteAck;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** One in-memory copy with the node's version semantics; records every call and can be told to fail. */
final class FakeKeyValue implements KeyValue {
    final ConcurrentHashMap<Key, KeyState> data = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException failure;
    int closes;

    @Override
    public synchronized ReadResult get(String key, Consistency level) {
        calls.add("get " + key + " " + level);
        if (failure != null) throw failure;
        KeyState s = data.getOrDefault(Key.of(key), KeyState.empty());
        return new ReadResult(s.liveValues(), Context.of(CausalContext.encode(s.context())));
    }

    @Override
    public synchronized WriteAck put(String key, byte[] value, Context context, Consistency level) {
        calls.add("put " + key + " " + level + (context.isNone() ? " no-context" : ""));
        if (failure != null) throw failure;
        return write(key, value, context);
    }

    @Override
    public synchronized WriteAck delete(String key, Context context, Consistency level) {
        calls.add("delete " + key + " " + level);
        if (failure != null) throw failure;
        return write(key, null, context);
    }

    private WriteAck write(String key, byte[] value, Context context) {
        VersionVector seen = CausalContext.decode(context.bytes());
        KeyState s = data.compute(Key.of(key), (k, old) -> (old == null ? KeyState.empty() : old).update(seen, value, "n1"));
        return new WriteAck(Context.of(CausalContext.encode(s.context())), false);
    }

    int siblings(String key) {
        return data.getOrDefault(Key.of(key), KeyState.empty()).liveValues().size();
    }

    void fail(io.chorus.replication.message.ErrorKind kind) {
        failure = new ChorusException(kind, "test");
    }

    @Override
    public synchronized void close() {
        closes++;
    }
}
