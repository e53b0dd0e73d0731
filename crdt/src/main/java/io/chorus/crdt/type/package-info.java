/**
 * Replicated data types that merge instead of producing siblings: {@link io.chorus.crdt.type.PnCounter},
 * {@link io.chorus.crdt.type.OrSet} (add-wins, no tombstones), {@link io.chorus.crdt.type.MvRegister},
 * {@link io.chorus.crdt.type.LwwRegister} (by {@link io.chorus.crdt.type.HybridTimestamp}),
 * {@link io.chorus.crdt.type.EwFlag} (enable-wins) and {@link io.chorus.crdt.type.OrMap} (nested values
 * of any of these), plus {@link io.chorus.crdt.type.CrdtCodec}, their byte format.
 *
 * <p>Every type is a delta-state causal CRDT (Almeida, Shoker, Baquero: "Delta State Replicated Data
 * Types", 2018): a dot store plus a {@link io.chorus.crdt.type.CausalContext}. Mutators return an
 * {@link io.chorus.crdt.type.Update} (new state and delta); replicas ship deltas on the write path and
 * full states only for repair.
 *
 * <p>Invariants: values are immutable, compare by state and iterate in sorted order; every live dot of
 * a top-level value is in its context; merge is commutative, associative and idempotent; actors are
 * node names with an epoch (one more per unclean restart of a node), so metadata grows with the
 * number of nodes, their unclean restarts and live elements, never with the number of
 * clients, operations or removed elements. Pure: no clock, thread, randomness or I/O; time enters
 * as an argument ({@link io.chorus.crdt.type.HybridClock}).
 */
package io.chorus.crdt.type;
