/**
 * The node as a replica: {@link io.chorus.replication.partition.PartitionReplica} holds one
 * partition's key-state transitions (mint, CRDT apply, merge) and its digest;
 * {@link io.chorus.replication.partition.ReplicaRequests} answers coordinators (acks only after
 * persistence); {@link io.chorus.replication.partition.AntiEntropy} compares partitions with peers;
 * {@link io.chorus.replication.partition.Tombstones} tracks the tombstones held and purges one when a
 * check saw it on every replica (leaving the key's context: a purge marker);
 * {@link io.chorus.replication.partition.Expiries} drops values whose TTL expired, by this node's
 * clock, keeping the key's context the same way (no agreement needed: the kept context drops any
 * other copy of the value it meets).
 * Writes are outputs through {@link io.chorus.replication.partition.LocalKeys}, never storage calls.
 * Invariant: a stored version vector only grows. Never depends on coordinate or replica.
 */
package io.chorus.replication.partition;
