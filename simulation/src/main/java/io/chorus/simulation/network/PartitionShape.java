package io.chorus.simulation.network;

import io.chorus.replication.env.RandomSource;
import io.chorus.replication.ring.NodeId;

import java.util.ArrayList;
import java.util.List;

/**
 * The partitions the nemesis can cut (after Jepsen's): two halves, one node isolated, a one-way cut
 * between two groups, a ring of overlapping majorities (every node sees a majority, no two see the
 * same one), and a bridge (two halves that only one node sees both of).
 */
public enum PartitionShape {
    HALVES, ISOLATE_ONE, ONE_WAY, MAJORITIES_RING, BRIDGE;

    /**
     * Cuts links: {@code cut[a][b]} true drops messages from node a to node b. Starts from a fully
     * connected matrix. Returns a description naming the groups.
     */
    public String apply(boolean[][] cut, RandomSource random, List<NodeId> nodes) {
        int n = nodes.size();
        int[] order = shuffled(n, random);
        switch (this) {
            case HALVES -> {
                int split = n / 2;
                cutBetween(cut, slice(order, 0, split), slice(order, split, n), true);
                return "halves " + names(nodes, slice(order, 0, split)) + " | " + names(nodes, slice(order, split, n));
            }
            case ISOLATE_ONE -> {
                cutBetween(cut, slice(order, 0, 1), slice(order, 1, n), true);
                return "isolate " + nodes.get(order[0]);
            }
            case ONE_WAY -> {
                int split = 1 + random.nextInt(n - 1);
                cutBetween(cut, slice(order, 0, split), slice(order, split, n), false);
                return "one-way " + names(nodes, slice(order, 0, split)) + " -/-> " + names(nodes, slice(order, split, n));
            }
            case MAJORITIES_RING -> {
                int radius = (n / 2 + 1) / 2; // each node sees itself and `radius` neighbours on each side
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        int distance = Math.abs(i - j);
                        distance = Math.min(distance, n - distance);
                        if (distance > radius) cut[order[i]][order[j]] = true;
                    }
                }
                return "majorities ring " + names(nodes, order) + " radius " + radius;
            }
            case BRIDGE -> {
                int bridge = order[0];
                int split = 1 + (n - 1) / 2;
                cutBetween(cut, slice(order, 1, split), slice(order, split, n), true);
                return "bridge " + names(nodes, slice(order, 1, split)) + " - " + nodes.get(bridge) + " - " + names(nodes, slice(order, split, n));
            }
            default -> throw new AssertionError(this);
        }
    }

    private static void cutBetween(boolean[][] cut, int[] from, int[] to, boolean bothWays) {
        for (int a : from) {
            for (int b : to) {
                cut[a][b] = true;
                if (bothWays) cut[b][a] = true;
            }
        }
    }

    private static int[] shuffled(int n, RandomSource random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] slice(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static String names(List<NodeId> nodes, int[] indexes) {
        List<String> names = new ArrayList<>();
        for (int i : indexes) names.add(nodes.get(i).name());
        return "{" + String.join(",", names) + "}";
    }
}
