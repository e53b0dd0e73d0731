package io.chorus.ycsb;

import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteAck;
import io.chorus.replication.state.Consistency;

/**
 * The calls the binding makes, synchronous like YCSB's threads (one request in flight per thread).
 * {@link io.chorus.client.ChorusClient}-backed in production; a fake in the tests. Failures throw
 * {@link io.chorus.client.ChorusException}.
 */
interface KeyValue extends AutoCloseable {

    ReadResult get(String key, Consistency level);

    WriteAck put(String key, byte[] value, Context context, Consistency level);

    WriteAck delete(String key, Context context, Consistency level);

    @Override
    void close();

    static KeyValue of(io.chorus.client.ChorusClient client) {
        return new KeyValue() {
            @Override
            public ReadResult get(String key, Consistency level) {
                return client.get(key, level);
            }

            @Override
            public WriteAck put(String key, byte[] value, Context context, Consistency level) {
                return client.put(key, value, context, level);
            }

            @Override
            public WriteAck delete(String key, Context context, Consistency level) {
                return client.delete(key, context, level);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
