package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Answer to {@link MintWrite}: the stored siblings, or an error ({@code errorKind} non-null and
 * {@code stored} null) when the write was refused and nothing applied.
 */
public record MintResult(long opId, Key key, KeyState stored, ErrorKind errorKind, String error) implements PeerMessage {
    public static MintResult ok(long opId, Key key, KeyState stored) {
        return new MintResult(opId, key, stored, null, null);
    }

    public static MintResult refused(long opId, Key key, ErrorKind kind, String error) {
        return new MintResult(opId, key, null, kind, error);
    }
}
