package io.chorus.client;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;

/** Turns a node's answer to a {@code CrdtGet} into the typed value, or a {@link ChorusException} saying why not. */
final class CrdtReplies {
    private CrdtReplies() {
    }

    /**
     * @throws ChorusException {@code InvalidRequest} when the answer is not a value of {@code type}
     *                         (the message names both types) or cannot be decoded
     */
    static <V extends Crdt<V>> V value(ClientResponse response, Class<V> type) {
        CrdtType wanted = CrdtType.of(type);
        if (!(response instanceof CrdtValue value)) {
            throw new ChorusException(ErrorKind.INVALID_REQUEST, "the node answered " + response.getClass().getSimpleName()
                    + " where the value of a " + wanted.displayName() + " was expected");
        }
        try {
            return CrdtCodec.decode(value.value(), type);
        } catch (IllegalArgumentException e) {
            throw new ChorusException(ErrorKind.INVALID_REQUEST, "the node's answer is not a readable "
                    + wanted.displayName() + ": " + e.getMessage(), e);
        }
    }
}
