package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Read {@code key}, waiting for as many replicas as {@code consistency} (a {@code Consistency} code) needs;
 * {@code session}: a session token ({@link SessionToken} bytes; empty: start a session; null: none). */
public record Get(Key key, byte consistency, byte[] session) implements ClientRequest {
    public Get(Key key, byte consistency) {
        this(key, consistency, null);
    }
}
