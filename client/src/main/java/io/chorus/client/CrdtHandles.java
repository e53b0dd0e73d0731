package io.chorus.client;

/**
 * Where handles on CRDT values come from: {@link ChorusClient} (calls carry no session token) or a
 * {@link Session} (each update and read carries the session's token and merges the token of its
 * answer, as the session's plain calls do). Code that works on CRDT values either way (the CLI's
 * commands, a request handler) takes this.
 */
public interface CrdtHandles {
    /** The counter at {@code key} (its UTF-8 bytes). */
    CounterRef counter(String key);

    /** The set at {@code key} (its UTF-8 bytes). */
    SetRef set(String key);

    /** The multi-value register at {@code key} (its UTF-8 bytes). */
    RegisterRef register(String key);

    /** The last-writer-wins register at {@code key} (its UTF-8 bytes). */
    LwwRegisterRef lwwRegister(String key);

    /** The flag at {@code key} (its UTF-8 bytes). */
    FlagRef flag(String key);

    /** The map at {@code key} (its UTF-8 bytes). */
    MapRef map(String key);
}
