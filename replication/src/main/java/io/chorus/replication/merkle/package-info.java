/**
 * Merkle trees for anti-entropy: {@link io.chorus.replication.merkle.MerkleTree} is a fixed-shape
 * hash tree over one partition's keys whose size does not depend on how many keys there are, and
 * which every write updates in a few word operations. Pure values and arithmetic: no storage, no
 * messages. Invariant: every node's hash is the XOR of the entry digests of the keys below it.
 */
package io.chorus.replication.merkle;
