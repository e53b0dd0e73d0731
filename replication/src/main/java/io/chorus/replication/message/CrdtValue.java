package io.chorus.replication.message;

/**
 * A CRDT value in CrdtCodec bytes (the empty value of the type when nothing was written);
 * {@code session} as for {@link GetResult}.
 */
public record CrdtValue(byte[] value, byte[] session) implements ClientResponse {
    public CrdtValue(byte[] value) {
        this(value, null);
    }
}
