/**
 * Value types every other package may use and that use nothing above them: a key's whole state
 * ({@link io.chorus.replication.state.KeyState}: siblings with their dots, CRDT part, applied
 * operation ids), {@link io.chorus.replication.state.Key}, {@link io.chorus.replication.state.Consistency}
 * (a byte on the wire). A sibling put with a TTL carries its absolute expiry, fixed once by the
 * put's coordinator: a dot names one value and one expiry, on every replica. Invariant, checked on every construction: each sibling's dot is in the
 * context, dots are distinct and sorted.
 */
package io.chorus.replication.state;
