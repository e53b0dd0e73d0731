package io.chorus.replication.coordinate;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ContextSeal;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.state.Key;
import io.chorus.replication.config.ReplicaConfig;

/**
 * Checks a client request against the limits before anything is buffered or stored. Each check
 * throws {@link InvalidRequestException} whose message names the field, the limit and what came.
 */
final class RequestValidator {
    private final ReplicaConfig config;

    RequestValidator(ReplicaConfig config) {
        this.config = config;
    }

    void key(Key key) {
        if (key == null || key.length() == 0) throw new InvalidRequestException("key is empty");
        if (key.length() > config.keyBytesMax()) {
            throw new InvalidRequestException("key is " + key.length() + " bytes, over the limit keyBytesMax=" + config.keyBytesMax());
        }
    }

    void value(byte[] value) {
        if (value == null) throw new InvalidRequestException("value is missing (use delete to remove a key)");
        if (value.length > config.valueBytesMax()) {
            throw new InvalidRequestException("value is " + value.length + " bytes, over the limit valueBytesMax=" + config.valueBytesMax());
        }
    }

    /** A put's TTL: 0 (none) or between {@code Put.TTL_MILLIS_MIN} and {@code Put.TTL_MILLIS_MAX}. */
    void ttl(long ttlMillis) {
        if (ttlMillis != 0 && (ttlMillis < Put.TTL_MILLIS_MIN || ttlMillis > Put.TTL_MILLIS_MAX)) {
            throw new InvalidRequestException("ttl is " + ttlMillis + " ms, outside " + Put.TTL_MILLIS_MIN + ".." + Put.TTL_MILLIS_MAX
                    + " ms (1 s to 10 years; 0 for none)");
        }
    }

    /**
     * A plain write's operation id: 0 (none, and then no retry) or even, since bit 0 marks a refusal
     * in what replicas remember ({@code KeyState.appliedOps}).
     */
    void operationId(long operationId, int attempt) {
        if (attempt < 1) throw new InvalidRequestException("attempt is " + attempt + ", must be 1 or more");
        if (operationId == 0 && attempt > 1) {
            throw new InvalidRequestException("attempt " + attempt + " of a write without an operation id: a retry must carry the first attempt's id");
        }
        if ((operationId & 1) != 0) {
            throw new InvalidRequestException("operation id " + operationId + " is odd: a put's or delete's id must be even (bit 0 is reserved)");
        }
    }

    /** The level of a wire code, which must be satisfiable by the replication factor. */
    Consistency consistency(byte code, int replicationFactor) {
        Consistency level;
        try {
            level = Consistency.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        int required = level.required(replicationFactor);
        if (required > replicationFactor) {
            throw new InvalidRequestException("consistency " + level + " needs " + required
                    + " replicas but the replication factor is " + replicationFactor);
        }
        return level;
    }

    /** A request's session token: null for none, the empty token for empty bytes (a session starting). */
    SessionToken session(byte[] token, int partitions) {
        if (token == null) return null;
        if (token.length == 0) return SessionToken.empty(partitions);
        SessionToken decoded;
        try {
            decoded = SessionToken.decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("session token is not one this cluster gave out: " + e.getMessage());
        }
        if (decoded.partitions() != partitions) {
            throw new InvalidRequestException("session token is for a cluster of " + decoded.partitions() + " partitions; this one has "
                    + partitions);
        }
        return decoded;
    }

    /** The client's context for {@code key}, which must be one this cluster sealed for that key ({@link ContextSeal}). */
    VersionVector context(Key key, byte[] context) {
        try {
            return config.contextSeal().open(key, context);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("context is not one this cluster gave out for key " + key + ": " + e.getMessage());
        }
    }

    static final class InvalidRequestException extends RuntimeException {
        InvalidRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
