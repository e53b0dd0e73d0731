/**
 * Quorum logic as pure objects: {@link io.chorus.replication.coordinator.ReadCoordinator} and
 * {@link io.chorus.replication.coordinator.WriteCoordinator} count distinct replicas' answers
 * ({@code addResult}/{@code isDone}/{@code response}); the replica drives them with messages and
 * ticks. {@link io.chorus.replication.coordinator.Consistency} maps a level to a replica count.
 */
package io.chorus.replication.coordinator;
