package io.chorus.crdt.type;

/** One generated operation on a CRDT, and its meaning in the sequential data type. */
interface Op<T extends Crdt<T>> {
    /** Runs the operation's mutator at {@code node}. */
    Update<T> apply(T state, Node node);

    /** The same operation on the sequential reference value (a plain Java value). */
    Object applyTo(Object reference);
}
