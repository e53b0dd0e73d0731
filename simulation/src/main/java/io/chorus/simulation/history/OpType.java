package io.chorus.simulation.history;

/**
 * The client operations the workloads issue: plain gets, puts and deletes (on keys {@code k*}), and
 * CRDT operations on dedicated keys, counters ({@code cnt*}) and add-wins sets ({@code set*}), so
 * that a key's type never clashes.
 */
public enum OpType {
    GET, PUT, DELETE, COUNTER_ADD, COUNTER_READ, SET_ADD, SET_REMOVE, SET_READ;

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
