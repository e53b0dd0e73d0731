/**
 * Placement: {@link io.chorus.replication.ring.Ring} (fixed partitions, each owned by a node) and
 * {@link io.chorus.replication.ring.PreferenceList} (a partition's N replicas). Pure functions of
 * the membership; every node computes the same ring.
 */
package io.chorus.replication.ring;
