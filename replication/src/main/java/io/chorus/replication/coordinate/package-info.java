/**
 * Quorum logic as pure objects: {@link io.chorus.replication.coordinate.ReadTally} and
 * {@link io.chorus.replication.coordinate.WriteTally} count distinct replicas' answers
 * ({@code addResult}/{@code isDone}/{@code response}); the replica drives them with messages and
 * ticks. {@link io.chorus.replication.state.Consistency} maps a level to a replica count.
 */
package io.chorus.replication.coordinate;
