package io.chorus.replication.partition;

import io.chorus.replication.env.StorageScan;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.function.BiConsumer;

/**
 * The rebuild of every partition's Merkle tree from storage at start, a chunk of keys per tick on
 * the replica's thread, so that a node with millions of keys serves requests while it counts them.
 * A key is counted exactly once: by the scan, with the state it finds, if the scan reaches the key
 * before any write does; else by the writes, which then carry the tree from the scanned state on.
 * Until the build is done the trees are incomplete, and anti-entropy does not compare them.
 */
final class TreeBuild {
    private final StorageScan scan;
    private final BiConsumer<Key, KeyState> counter;
    private boolean done;
    private long keysCounted;

    TreeBuild(StorageScan scan, BiConsumer<Key, KeyState> counter) {
        this.scan = scan;
        this.counter = counter;
    }

    /** Counts the next chunk of about {@code keysMax} keys; true once every key is counted. */
    boolean step(int keysMax) {
        if (done) return true;
        done = !scan.next(keysMax, key -> true, (key, state) -> {
            keysCounted++;
            counter.accept(key, state);
        });
        return done;
    }

    /** Whether a write to {@code key} must update the tree itself (the scan has counted it already). */
    boolean counted(Key key) {
        return done || scan.passed(key);
    }

    boolean done() {
        return done;
    }

    long keysCounted() {
        return keysCounted;
    }
}
