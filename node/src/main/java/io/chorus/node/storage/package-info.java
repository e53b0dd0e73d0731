/**
 * A node's durable storage: {@link io.chorus.node.storage.ChronicleStorage}, the
 * {@code Storage} of the replica on a persisted Chronicle Map, the
 * {@link io.chorus.node.storage.DataDirectory} that guards it (one process at a time, and a
 * clean-shutdown marker that tells whether the map must be recovered after a crash), and the
 * write-ahead log that makes durable writes survive a power loss:
 * {@link io.chorus.node.storage.WriteAheadLog} (segment files of CRC32C-checked records,
 * {@link io.chorus.node.storage.WalFormat}, read back by {@link io.chorus.node.storage.WalReader}),
 * {@link io.chorus.node.storage.WalWriter} (the one thread that writes and fsyncs it, once per group
 * of batches, and checkpoints the map file), {@link io.chorus.node.storage.WalReplay} (merges the log
 * into the map at start) and {@link io.chorus.node.storage.RecoveryReport} (what the start found, in
 * one line; {@link io.chorus.node.storage.MapRecovery} turns Chronicle's recovery into counts).
 *
 * <p>Invariants: a put either stores the whole new state of a key or throws
 * {@code StorageFullException} and changes nothing; the map is opened with recovery whenever the
 * previous run did not close it cleanly; a log segment is deleted only after the map file was
 * fsynced with every write it holds; a batch is reported persisted only after its fsync returned;
 * replay merges (never overwrites), so it is idempotent and never rolls a key back.
 */
package io.chorus.node.storage;
