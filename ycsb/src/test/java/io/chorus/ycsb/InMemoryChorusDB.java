package io.chorus.ycsb;

import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteAck;
import io.chorus.replication.state.Consistency;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not a test: the binding over an in-process map instead of a cluster, to measure the binding's own
 * CPU per operation (with YCSB's core and this map's, but no client library, network or nodes).
 * Run YCSB with {@code -db io.chorus.ycsb.InMemoryChorusDB} and {@code ycsb/target/test-classes} on
 * the classpath; bench/README.md has the command. Every value is stored as given, every context is
 * the same 48 bytes (about what a node seals), so reads and writes cost what the binding makes of them.
 * A key never written reads as a loaded record (YCSB's default 10 fields of 100 B), so no load phase
 * is needed.
 */
public class InMemoryChorusDB extends ChorusDB {
    static {
        connector = p -> new InMemory();
    }

    static final class InMemory implements KeyValue {
        private static final Context CONTEXT = Context.of(new byte[48]);
        private static final byte[] LOADED = loaded();
        private final ConcurrentHashMap<String, byte[]> values = new ConcurrentHashMap<>();

        private static byte[] loaded() {
            java.util.Map<String, byte[]> record = new java.util.HashMap<>();
            for (int i = 0; i < 10; i++) record.put("field" + i, new byte[100]);
            return RecordCodec.encode(record);
        }

        @Override
        public ReadResult get(String key, Consistency level) {
            return new ReadResult(List.of(values.getOrDefault(key, LOADED)), CONTEXT);
        }

        @Override
        public WriteAck put(String key, byte[] value, Context context, Consistency level) {
            values.put(key, value);
            return new WriteAck(CONTEXT, false);
        }

        @Override
        public WriteAck delete(String key, Context context, Consistency level) {
            values.remove(key);
            return new WriteAck(CONTEXT, false);
        }

        @Override
        public void close() {
        }
    }
}
