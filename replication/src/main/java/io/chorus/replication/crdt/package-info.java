/**
 * CRDT values on the replication path: the operations clients send ({@link io.chorus.replication.crdt.CrdtOp}),
 * how a minting replica turns one into a delta ({@link io.chorus.replication.crdt.CrdtOps}), and the
 * bounded record of applied operation ids that makes retries idempotent
 * ({@link io.chorus.replication.state.AppliedOps}).
 */
package io.chorus.replication.crdt;
