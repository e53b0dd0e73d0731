package io.chorus.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which one call tries the nodes, from the key's candidates (its replicas in
 * preference-list order, then every other node): a read that spreads starts at a random replica
 * (the replicas rotated, so the others still follow in ring order), and a node whose circuit
 * breaker is open goes to the end, still tried if every other node failed. Stateless.
 */
final class Routing {
    private Routing() {
    }

    /**
     * @param candidates the key's candidates, replicas first; not modified
     * @param replicas   how many of them are the key's replicas (0: the ring is unknown)
     * @param spread     start at the replica {@code random} picks
     * @param random     uniform in [0, 1)
     */
    static List<NodeConnection> order(List<NodeConnection> candidates, int replicas, boolean spread, double random, long nowNanos) {
        assert replicas <= candidates.size() : replicas + " replicas of " + candidates.size() + " candidates";
        int first = spread && replicas > 1 ? (int) (random * replicas) : 0;
        if (first == 0 && allAdmit(candidates, nowNanos)) return candidates; // the common case: no copy
        List<NodeConnection> rotated = new ArrayList<>(candidates.size());
        for (int i = 0; i < replicas; i++) rotated.add(candidates.get((first + i) % replicas));
        rotated.addAll(candidates.subList(replicas, candidates.size()));
        List<NodeConnection> ordered = new ArrayList<>(candidates.size());
        List<NodeConnection> open = new ArrayList<>(0);
        for (NodeConnection node : rotated) (node.breaker().admits(nowNanos) ? ordered : open).add(node);
        ordered.addAll(open);
        assert ordered.size() == candidates.size() : "routing lost a node";
        return ordered;
    }

    private static boolean allAdmit(List<NodeConnection> nodes, long nowNanos) {
        for (NodeConnection node : nodes) {
            if (!node.breaker().admits(nowNanos)) return false;
        }
        return true;
    }
}
