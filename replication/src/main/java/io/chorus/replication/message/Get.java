package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Read {@code key}, waiting for as many replicas as {@code consistency} (a {@code Consistency} code) needs;
 * {@code session}: a session token ({@link SessionToken} bytes; empty: start a session; null: none);
 * {@code quorum}: the call's own quorum rules (null: the defaults). */
public record Get(Key key, byte consistency, byte[] session, QuorumOptions quorum) implements ClientRequest {
    public Get(Key key, byte consistency) {
        this(key, consistency, null, null);
    }

    public Get(Key key, byte consistency, byte[] session) {
        this(key, consistency, session, null);
    }
}
