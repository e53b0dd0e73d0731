package io.chorus.simulation.history;

/**
 * The client operations the workloads issue: plain gets, puts and deletes (on keys {@code k*}), and
 * CRDT operations on dedicated keys, counters ({@code cnt*}) and add-wins sets ({@code set*}), so
 * that a key's type never clashes; and gets and TTL puts on keys of their own ({@code ttl*}).
 */
public enum OpType {
    GET, PUT, DELETE, COUNTER_ADD, COUNTER_READ, SET_ADD, SET_REMOVE, SET_READ,
    /** A put with a TTL, on the TTL client's keys ({@code ttl*}); the plain checkers leave these keys alone (values expire). */
    TTL_PUT,
    /** A get of a {@code ttl*} key. */
    TTL_GET;

    /** Writes a client value (a plain put, or a TTL put): what the phantoms checker looks values up in. */
    public boolean putsValue() {
        return this == PUT || this == TTL_PUT;
    }

    /** Returns plain values (a get, of a plain or a TTL key). */
    public boolean readsValues() {
        return this == GET || this == TTL_GET;
    }

    /** A plain put or delete (the CRDT updates are not writes in this sense: they carry no context and mint no siblings). */
    public boolean isWrite() {
        return this == PUT || this == DELETE;
    }

    /** A plain get, put or delete: what the durability, phantom and freshness checkers judge. */
    public boolean isPlain() {
        return this == GET || this == PUT || this == DELETE;
    }

    /** A CRDT update, sent with an operation id and retried under it. */
    public boolean isCrdtUpdate() {
        return this == COUNTER_ADD || this == SET_ADD || this == SET_REMOVE;
    }

    public boolean isCrdtRead() {
        return this == COUNTER_READ || this == SET_READ;
    }
}
