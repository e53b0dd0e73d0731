package io.chorus.replication.coordinate;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ContextSeal;
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
