package io.chorus.client.cli;

import io.chorus.client.Addresses;
import io.chorus.client.ChorusClient;
import io.chorus.client.NodeState;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A node named on a command line, by its member name ({@code n3}) or its client address ({@code HOST:PORT}). */
public final class NodeNames {
    private NodeNames() {
    }

    /**
     * The client address of {@code node} in {@code client}'s cluster.
     *
     * @param option the option that named it, for the error message
     * @throws IllegalArgumentException when it is neither a member's name nor an address
     */
    public static InetSocketAddress address(ChorusClient client, String node, String option) {
        List<String> names = new ArrayList<>();
        for (NodeState state : client.nodes()) {
            if (state.name().equals(node)) return state.address();
            names.add(state.name());
        }
        if (node.contains(":")) return Addresses.parseList(node).get(0);
        throw new IllegalArgumentException(option + " " + node + " names no node of the cluster (nodes: " + names + ")");
    }
}
