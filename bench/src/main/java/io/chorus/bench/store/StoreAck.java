package io.chorus.bench.store;

/**
 * An acknowledged write: the context the store returned, which covers the write just made (and
 * whatever the coordinating replica had seen). Writing back with it supersedes that write.
 */
public record StoreAck(byte[] context) {
}
