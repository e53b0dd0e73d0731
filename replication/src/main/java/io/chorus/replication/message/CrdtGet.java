package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.crdt.type.CrdtType;

/**
 * Read the CRDT value of {@code key}, which must be of {@code type} (or hold nothing yet).
 * {@code consistency} is a {@code Consistency} code; {@code session} as for {@link Get}.
 */
public record CrdtGet(Key key, CrdtType type, byte consistency, byte[] session) implements ClientRequest {
    public CrdtGet(Key key, CrdtType type, byte consistency) {
        this(key, type, consistency, null);
    }
}
