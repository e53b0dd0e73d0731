/**
 * The node as a coordinator: one class per kind of request ({@code ReadCoordination},
 * {@code PutCoordination}, {@code CrdtUpdateCoordination}, with {@code RetrySettlement} as the
 * first phase of a retried CRDT update, and {@code TombstonePurge}, the check that a tombstone is on
 * every replica), each seeing the node only through
 * {@link io.chorus.replication.coordinate.CoordinatorContext}. Quorum logic stays pure in
 * {@link io.chorus.replication.coordinate.ReadTally} and {@link io.chorus.replication.coordinate.WriteTally}.
 * {@link io.chorus.replication.coordinate.Coordinators} validates and admits a request (every request
 * gets exactly one reply); {@link io.chorus.replication.coordinate.Coordinations} keeps the ones in
 * flight in deadline order. A request's session token ({@code message.SessionToken}) is checked by
 * {@link io.chorus.replication.coordinate.SessionRequirement} (which nodes a read must include) and
 * grown by {@link io.chorus.replication.coordinate.SessionTokens} (what the answer adds). A TTL put's
 * expiry is fixed here, once, by this node's clock ({@code CoordinatorContext.wallMillis}), and a
 * read filters the values expired by that clock: the only two places the coordinators read time.
 * Depends on state, ring, topology, message, config and env; never on partition or replica.
 */
package io.chorus.replication.coordinate;
