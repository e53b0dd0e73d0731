package io.chorus.client;

/**
 * Where handles on CRDT values come from: {@link ChorusClient} (calls carry no session token) or a
 * {@link Session} (each update and read carries the session's token and merges the token of its
 * answer, as the session's plain calls do). Code that works on CRDT values either way (the CLI's
 * commands, a request handler) takes this. A key given as a string is its UTF-8 bytes; one given as
 * bytes is copied.
 *
 * <p><b>CRDT values.</b> A key may hold a counter, set, register, flag or map instead of plain
 * values: {@link #counter}, {@link #set}, {@link #register}, {@link #lwwRegister}, {@link #flag}
 * and {@link #map} return a handle for one key. Replicas merge such values, so they never have
 * siblings or contexts. Each update is tagged with an operation id ({@code (wall clock millis <<
 * 20) | a 20-bit counter of this client}, see {@code OperationIds}) and retried as {@link
 * ChorusClient} says ("Routing and failover"), under the same id; its attempt number stays 1 while
 * every earlier attempt was refused with nothing applied, and counts the sends once one may have
 * been applied ({@code Timeout}, silence, a lost connection), so that the coordinator settles it
 * first (a retry that cannot be settled yet, because a replica that may have applied it is down, is
 * refused with {@code Unavailable} and tried again after a backoff). Replicas apply an id at most
 * once, so an update that succeeds counts once however many attempts it took; one that fails with
 * {@code Timeout} may have been applied (once). The replicas' memory of ids is bounded: they
 * recognise a retry while fewer than 256 operations with larger ids (later, by the clients' clocks)
 * reached the same key in between, so a very hot key or a client clock far behind the others'
 * weakens the promise. Plain {@code put} and {@code delete} carry no operation id yet: they are
 * sent again only after a refusal that applied nothing.
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
