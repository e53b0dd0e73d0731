package io.chorus.replication.message;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Answer to {@link MintWrite} or {@link CrdtMint}: what the other replicas must merge ({@code delta})
 * and the key's context after the write (what the client gets back), or an error ({@code errorKind}
 * non-null, the rest null) when the write was refused and nothing applied. {@code epoch}: the
 * minter's actor epoch, which the session token of the write names.
 */
public record MintResult(long opId, Key key, KeyState delta, VersionVector contextAfter, ErrorKind errorKind, String error,
                         long epoch) implements CoordinatorReply {
    public static MintResult ok(long opId, Key key, KeyState delta, VersionVector contextAfter, long epoch) {
        return new MintResult(opId, key, delta, contextAfter, null, null, epoch);
    }

    public static MintResult refused(long opId, Key key, ErrorKind kind, String error) {
        return new MintResult(opId, key, null, null, kind, error, 0);
    }
}
