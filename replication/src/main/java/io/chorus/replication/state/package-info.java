/**
 * Value types every other package may use and that use nothing above them: a key's whole state
 * ({@link io.chorus.replication.state.KeyState}: siblings with their dots, CRDT part, applied
 * operation ids), {@link io.chorus.replication.state.Key}, {@link io.chorus.replication.state.Consistency}
 * (a byte on the wire). Invariant, checked on every construction: each sibling's dot is in the
 * context, dots are distinct and sorted.
 */
package io.chorus.replication.state;
