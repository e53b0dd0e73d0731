package io.chorus.replication.message;

/** A CRDT value in CrdtCodec bytes (the empty value of the type when nothing was written). */
public record CrdtValue(byte[] value) implements ClientResponse {
}
