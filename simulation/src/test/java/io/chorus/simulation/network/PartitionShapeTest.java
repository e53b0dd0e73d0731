package io.chorus.simulation.network;

import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionShapeTest {
    private static final int N = 5;

    private static boolean[][] cut(PartitionShape shape, long seed) {
        boolean[][] cut = new boolean[N][N];
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 1; i <= N; i++) nodes.add(NodeId.of("n" + i));
        shape.apply(cut, new SplitMixRandom(seed), nodes);
        for (int i = 0; i < N; i++) assertFalse(cut[i][i], "a node is never cut from itself");
        return cut;
    }

    private static int reachable(boolean[][] cut, int from) {
        int count = 0;
        for (int to = 0; to < N; to++) if (!cut[from][to]) count++;
        return count;
    }

    @Test
    void halvesAndIsolationAreSymmetricAndSplitTheCluster() {
        for (long seed = 1; seed <= 20; seed++) {
            boolean[][] halves = cut(PartitionShape.HALVES, seed);
            boolean[][] isolated = cut(PartitionShape.ISOLATE_ONE, seed);
            int alone = 0;
            for (int a = 0; a < N; a++) {
                for (int b = 0; b < N; b++) {
                    assertEquals(halves[a][b], halves[b][a]);
                    assertEquals(isolated[a][b], isolated[b][a]);
                }
                assertTrue(reachable(halves, a) == 2 || reachable(halves, a) == 3);
                if (reachable(isolated, a) == 1) alone++;
            }
            assertEquals(1, alone);
        }
    }

    @Test
    void oneWayCutsOnlyOneDirection() {
        for (long seed = 1; seed <= 20; seed++) {
            boolean[][] cut = cut(PartitionShape.ONE_WAY, seed);
            int cutLinks = 0;
            for (int a = 0; a < N; a++) {
                for (int b = 0; b < N; b++) {
                    if (cut[a][b]) {
                        cutLinks++;
                        assertFalse(cut[b][a], "the way back stays open");
                    }
                }
            }
            assertTrue(cutLinks > 0);
        }
    }

    @Test
    void everyNodeOfAMajoritiesRingSeesADifferentMajority() {
        boolean[][] cut = cut(PartitionShape.MAJORITIES_RING, 3);
        List<String> views = new ArrayList<>();
        for (int a = 0; a < N; a++) {
            assertEquals(3, reachable(cut, a), "node sees exactly a majority");
            StringBuilder view = new StringBuilder();
            for (int b = 0; b < N; b++) view.append(cut[a][b] ? '.' : 'x');
            views.add(view.toString());
        }
        assertEquals(N, views.stream().distinct().count(), "no two nodes share a majority: " + views);
    }

    @Test
    void aBridgeNodeSeesEveryoneWhileTheSidesAreCut() {
        boolean[][] cut = cut(PartitionShape.BRIDGE, 9);
        int bridges = 0;
        for (int a = 0; a < N; a++) if (reachable(cut, a) == N) bridges++;
        assertEquals(1, bridges);
    }
}
