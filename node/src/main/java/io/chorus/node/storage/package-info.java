/**
 * A node's durable storage: {@link io.chorus.node.storage.ChronicleStorage}, the
 * {@code Storage} of the replica on a persisted Chronicle Map, and the
 * {@link io.chorus.node.storage.DataDirectory} that guards it (one process at a time, and a
 * clean-shutdown marker that tells whether the map must be recovered after a crash).
 *
 * <p>Invariants: a put either stores the whole new state of a key or throws
 * {@code StorageFullException} and changes nothing; the map is opened with recovery whenever the
 * previous run did not close it cleanly.
 */
package io.chorus.node.storage;
