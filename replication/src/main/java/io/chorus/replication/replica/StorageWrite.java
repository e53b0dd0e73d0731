package io.chorus.replication.replica;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * One key's new whole state, an output of a step: the shell writes it to storage before it releases
 * the step's {@link Ready#afterPersist()} messages, and fsyncs first when {@code durable}.
 */
public record StorageWrite(Key key, KeyState state, boolean durable) {
    public StorageWrite {
        if (key == null || state == null) throw new IllegalArgumentException("a storage write needs a key and a state");
    }
}
