package io.chorus.bench.micro;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A replica's storage path without I/O: minting a write into a key's siblings, merging two replicas'
 * states, the storage encoding of siblings, and a put/get on the core's {@link InMemoryStorage}
 * (a TreeMap: the simulator's storage). The node's Chronicle Map storage lives in node/ and is not
 * measured here; shared/DEPENDENCIES.md has its numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SiblingsStorageBenchmark {
    static final int KEYS = 100_000;
    static final int VALUE_BYTES = 1000;

    private KeyState stored;
    private KeyState otherReplica;
    private VersionVector readContext;
    private byte[] value;
    private Codec codec;
    private byte[] encoded;
    private InMemoryStorage storage;
    private Key[] keys;
    private int next;

    @Setup
    public void setUp() {
        value = new byte[VALUE_BYTES];
        KeyState base = KeyState.empty().update(VersionVector.empty(), value, "n1");
        stored = base.update(VersionVector.empty(), value, "n2");          // two concurrent siblings
        otherReplica = base.update(base.context(), value, "n3");           // a third replica saw only the first
        readContext = stored.context();
        codec = new Codec();
        encoded = codec.encodeSiblings(stored);
        storage = new InMemoryStorage();
        keys = new Key[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = Key.of("user" + i);
            storage.put(keys[i], base);
        }
    }

    /** A put with the context of a read: replaces both siblings with one. */
    @Benchmark
    public KeyState updateWithContext() {
        return stored.update(readContext, value, "n1");
    }

    @Benchmark
    public KeyState mergeReplicas() {
        return stored.merge(otherReplica);
    }

    @Benchmark
    public byte[] encodeSiblings() {
        return codec.encodeSiblings(stored);
    }

    @Benchmark
    public KeyState decodeSiblings() {
        return codec.decodeSiblings(encoded);
    }

    /** get, update and put back one key of 100k: what a replica does per write, minus the network. */
    @Benchmark
    public KeyState storageReadModifyWrite() {
        Key key = keys[next];
        next = next + 1 == KEYS ? 0 : next + 1;
        KeyState current = storage.get(key);
        KeyState updated = current.update(current.context(), value, "n1"); // with the context: stays one sibling
        storage.put(key, updated);
        return updated;
    }
}
