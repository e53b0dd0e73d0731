/**
 * Hinted handoff, the fallback's side: {@link io.chorus.replication.hints.HintStore} keeps the writes
 * a coordinator could not give a primary (down, or silent past the request's deadline) and hands
 * them over, paced, once the primary is back. A hint's data is the key's state in this node's own
 * storage (so it is persisted like every other write, and found again after a restart by the
 * start-up scan that rebuilds the Merkle trees: a stored key this node does not replicate is a hint,
 * not a tree's); the index of who is owed what is on the heap, bounded in keys
 * and bytes. A hint that cannot be kept is refused and counted: anti-entropy repairs the key.
 * Depends on state, ring, topology, message, config, env and partition (for the node's key states).
 */
package io.chorus.replication.hints;
