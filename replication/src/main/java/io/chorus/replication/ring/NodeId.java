package io.chorus.replication.ring;

import java.util.Objects;

/**
 * A node's stable name (for example {@code n1}). The dots a node mints carry its actor name,
 * {@link #actor(long)}: the node's name in epoch 0, and the name with the epoch after an unclean
 * restart, so that a node that lost its latest writes never mints a dot it minted before.
 */
public record NodeId(String name) implements Comparable<NodeId> {
    /**
     * Separates a node's name from its epoch in an actor name ({@code n1#3}). No node name contains
     * it, so no actor of one node is another node's name or actor.
     */
    public static final char EPOCH_SEPARATOR = '#';

    public NodeId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("node name must be 1..64 characters, was \"" + name + "\"");
        }
        if (name.indexOf(EPOCH_SEPARATOR) >= 0) {
            throw new IllegalArgumentException("node name must not contain '" + EPOCH_SEPARATOR + "' (it separates a name from an epoch in actor names), was \"" + name + "\"");
        }
    }

    public static NodeId of(String name) {
        return new NodeId(name);
    }

    /**
     * The actor this node mints dots (and CRDT entries) under in {@code epoch}: its name in epoch 0,
     * so that data written before epochs existed stays this node's, else {@code name#epoch}. A node
     * takes a new epoch after every unclean stop, since it may have lost dots it minted.
     */
    public String actor(long epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        return epoch == 0 ? name : name + EPOCH_SEPARATOR + epoch;
    }

    @Override
    public int compareTo(NodeId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
