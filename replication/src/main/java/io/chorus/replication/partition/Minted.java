package io.chorus.replication.partition;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.KeyState;

/**
 * The outcome of minting a write on its replica: what the other replicas must merge ({@code delta})
 * and the key's context after it, or why it was refused (then nothing was applied, except for a
 * {@link ErrorKind#TIMEOUT}: nothing now, but an earlier copy of the request may have been).
 */
public record Minted(KeyState delta, VersionVector contextAfter, ErrorKind refusal, String reason) {
    static Minted ok(KeyState delta, VersionVector contextAfter) {
        return new Minted(delta, contextAfter, null, null);
    }

    static Minted invalid(String reason) {
        return new Minted(null, null, ErrorKind.INVALID_REQUEST, reason);
    }

    static Minted tooManySiblings(String reason) {
        return new Minted(null, null, ErrorKind.TOO_MANY_SIBLINGS, reason);
    }

    static Minted storageFull(String reason) {
        return new Minted(null, null, ErrorKind.UNAVAILABLE, "storage full: " + reason);
    }

    /** Not applied now, but an earlier copy may have been: the outcome stays unknown (as after a timeout). */
    static Minted forgotten(String reason) {
        return new Minted(null, null, ErrorKind.TIMEOUT, reason);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
