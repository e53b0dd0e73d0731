package io.chorus.replication.partition;

import io.chorus.replication.Invariants;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * The outcome of minting a write on its replica: what the other replicas must merge ({@code delta})
 * and the key's context after it, or why it was refused (then nothing was applied, except for a
 * {@link ErrorKind#TIMEOUT}: nothing now, but an earlier copy of the request may have been).
 */
public record Minted(KeyState delta, VersionVector contextAfter, ErrorKind refusal, String reason) {
    public Minted {
        // a refusal carries its reason and no delta; a mint carries its delta: never half of each
        if ((refusal == null) != (reason == null) || (refusal == null) != (delta != null)) {
            throw Invariants.violated("a mint outcome is either a delta or a refusal with its reason: refusal %s, reason %s, delta %s",
                    refusal, reason, delta);
        }
    }

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

    /**
     * A client operation whose id is older than the last {@link AppliedOps#CAPACITY} operations on the
     * key: not applied now, but an earlier copy may have been, so the outcome stays unknown (as after a
     * timeout). Simulator seed 112 with late duplicates: a copy of a put's mint request arrived 7 s
     * late, after the minter restarted and 256 newer writes to the key, and minted the value again.
     */
    static Minted forgotten(Key key, long operationId) {
        return new Minted(null, null, ErrorKind.TIMEOUT, "operation " + operationId + " on key " + key + " is older than the last "
                + AppliedOps.CAPACITY + " operations applied to the key, so whether it was applied can no longer be told: it was not"
                + " applied now, and an earlier attempt may have been (if this is a new write, the client's clock is behind the other"
                + " writers')");
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
