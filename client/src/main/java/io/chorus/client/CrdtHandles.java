package io.chorus.client;

/**
 * Where handles on CRDT values come from: {@link ChorusClient} (calls carry no session token) or a
 * {@link Session} (each update and read carries the session's token and merges the token of its
 * answer, as the session's plain calls do). Code that works on CRDT values either way (the CLI's
 * commands, a request handler) takes this. A key given as a string is its UTF-8 bytes; one given as
 * bytes is copied.
 */
public abstract class CrdtHandles {
    CrdtHandles() { // the client and its sessions only
    }

    /** How the handles made here reach the cluster. */
    abstract CrdtAccess crdtAccess();

    /** The counter at {@code key}. */
    public CounterRef counter(String key) {
        return new CounterRef(crdtAccess(), ChorusClient.utf8(key));
    }

    public CounterRef counter(byte[] key) {
        return new CounterRef(crdtAccess(), ChorusClient.keyCopy(key));
    }

    /** The set at {@code key}. */
    public SetRef set(String key) {
        return new SetRef(crdtAccess(), ChorusClient.utf8(key));
    }

    public SetRef set(byte[] key) {
        return new SetRef(crdtAccess(), ChorusClient.keyCopy(key));
    }

    /** The multi-value register at {@code key}. */
    public RegisterRef register(String key) {
        return new RegisterRef(crdtAccess(), ChorusClient.utf8(key));
    }

    public RegisterRef register(byte[] key) {
        return new RegisterRef(crdtAccess(), ChorusClient.keyCopy(key));
    }

    /** The last-writer-wins register at {@code key}. */
    public LwwRegisterRef lwwRegister(String key) {
        return new LwwRegisterRef(crdtAccess(), ChorusClient.utf8(key));
    }

    public LwwRegisterRef lwwRegister(byte[] key) {
        return new LwwRegisterRef(crdtAccess(), ChorusClient.keyCopy(key));
    }

    /** The flag at {@code key}. */
    public FlagRef flag(String key) {
        return new FlagRef(crdtAccess(), ChorusClient.utf8(key));
    }

    public FlagRef flag(byte[] key) {
        return new FlagRef(crdtAccess(), ChorusClient.keyCopy(key));
    }

    /** The map at {@code key}. */
    public MapRef map(String key) {
        return new MapRef(crdtAccess(), ChorusClient.utf8(key));
    }

    public MapRef map(byte[] key) {
        return new MapRef(crdtAccess(), ChorusClient.keyCopy(key));
    }
}
