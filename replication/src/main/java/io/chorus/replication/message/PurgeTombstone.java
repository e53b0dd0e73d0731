package io.chorus.replication.message;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;

/**
 * To a replica of {@code key}: every replica of the key was seen holding the same state, only
 * tombstones under {@code context}; if you still hold exactly that, the tombstone may go. The
 * replica keeps the context (no sibling), so that its dots are never minted again and a late
 * message carrying a value the tombstone deleted is recognised as old; see {@code partition.Tombstones}.
 */
public record PurgeTombstone(Key key, VersionVector context) implements PeerMessage {
}
