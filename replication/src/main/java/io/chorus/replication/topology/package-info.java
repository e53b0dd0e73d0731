/**
 * The cluster's shape: an immutable, versioned {@link io.chorus.replication.topology.Topology}
 * (members, ring, N, preference lists with primary and fallback entries), swapped while a node runs
 * when a newer epoch arrives, and the {@link io.chorus.replication.topology.FailureDetector} that
 * judges liveness in ticks.
 */
package io.chorus.replication.topology;
