/**
 * The node as a replica: {@link io.chorus.replication.partition.PartitionReplica} holds one
 * partition's key-state transitions (mint, CRDT apply, merge) and its digest;
 * {@link io.chorus.replication.partition.ReplicaRequests} answers coordinators (acks only after
 * persistence); {@link io.chorus.replication.partition.AntiEntropy} compares partitions with peers.
 * Writes are outputs through {@link io.chorus.replication.partition.LocalKeys}, never storage calls.
 * Invariant: a stored version vector only grows. Never depends on coordinate or replica.
 */
package io.chorus.replication.partition;
