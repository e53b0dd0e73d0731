package io.chorus.simulation.check;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every node's stored state at the end of a run, with the placement needed to know which nodes are
 * a key's replicas (the primaries of its preference list).
 */
public final class FinalState {
    private final TreeMap<NodeId, TreeMap<Key, KeyState>> storage = new TreeMap<>();
    private final Ring ring;
    private final int replicationFactor;

    /** @param replicationFactor N as configured; capped at the member count as the replicas cap it */
    public FinalState(Map<NodeId, ? extends Map<Key, KeyState>> storage, Ring ring, int replicationFactor) {
        storage.forEach((node, entries) -> {
            TreeMap<Key, KeyState> visible = new TreeMap<>(entries);
            visible.values().removeIf(KeyState::isPurgeMarker); // a purged tombstone's leftover context: holds nothing, is forgotten later
            this.storage.put(node, visible);
        });
        this.ring = ring;
        this.replicationFactor = Math.min(replicationFactor, ring.members().size());
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public List<NodeId> nodes() {
        return ring.members();
    }

    public List<NodeId> replicasOf(Key key) {
        return ring.preferenceList(key.bytesUnsafe(), replicationFactor).primaries();
    }

    /** What {@code node} holds for {@code key}; empty if nothing. */
    public KeyState at(NodeId node, Key key) {
        TreeMap<Key, KeyState> entries = storage.get(node);
        KeyState siblings = entries == null ? null : entries.get(key);
        return siblings == null ? KeyState.empty() : siblings;
    }

    /** Every key any node holds, in key order. */
    public TreeSet<Key> keys() {
        TreeSet<Key> keys = new TreeSet<>();
        storage.values().forEach(entries -> keys.addAll(entries.keySet()));
        return keys;
    }

    /** Every key stored on {@code node}, with its state, in key order. */
    public Map<Key, KeyState> entriesOf(NodeId node) {
        return java.util.Collections.unmodifiableMap(storage.getOrDefault(node, new TreeMap<>()));
    }

    /** A sibling's value as text (values are UTF-8 in the simulator), or null for a tombstone. */
    public static String valueOf(Sibling sibling) {
        return sibling.isTombstone() ? null : new String(sibling.value(), StandardCharsets.UTF_8);
    }

    /** KeyState with their values as text, for explanations. */
    public static String describe(KeyState siblings) {
        List<String> parts = new ArrayList<>();
        for (Sibling s : siblings.siblings()) parts.add(s.dot() + "=" + (s.isTombstone() ? "<tombstone>" : valueOf(s)));
        return parts + " ctx " + siblings.context();
    }
}
