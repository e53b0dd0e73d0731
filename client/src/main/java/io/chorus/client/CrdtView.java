package io.chorus.client;

/**
 * A CRDT value as read: one of the read-only views of the six types. Views are snapshots, never
 * updated in place; read again to see later writes.
 */
public sealed interface CrdtView permits CounterView, SetView, RegisterView, LwwRegisterView, FlagView, MapView {
}
