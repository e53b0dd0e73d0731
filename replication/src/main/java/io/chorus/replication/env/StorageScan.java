package io.chorus.replication.env;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A resumable pass over every entry of a {@link Storage}, in chunks, so that the replica's only
 * thread can walk millions of keys a little per tick (anti-entropy's tree build and leaf scans)
 * instead of in one go. Entries written between chunks are seen with their state at the time the
 * scan reaches them; {@link #passed} says which side of the scan's position a key is on, so that a
 * writer knows whether the scan has already counted it. Used only from the replica's thread.
 */
public interface StorageScan {
    /**
     * Visits the next chunk: about {@code entriesMax} entries (an implementation may round to its own
     * unit, such as a map segment), decoding and handing to {@code visitor} only those whose key
     * {@code wanted} accepts. Returns false once the scan has visited everything.
     */
    boolean next(int entriesMax, Predicate<Key> wanted, BiConsumer<Key, KeyState> visitor);

    /** Whether the scan has already reached {@code key}'s position (a later write to it is not seen by this scan). */
    boolean passed(Key key);
}
