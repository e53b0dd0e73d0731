package io.chorus.crdt.type;

import org.quicktheories.core.Gen;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * A generated history over 3 to 5 nodes: each step either runs a random operation at a node,
 * or has a node merge another node's full state (repair), or merge an earlier delta (the write
 * path, in any order, duplicates included). {@code seed} drives everything a step leaves open
 * (which operation, which delta, clock skews) and the tests' own choices.
 */
record History(int nodeCount, List<Step> steps, long seed) {
    /** kind 0-5 operates, 6-7 merges a full state, 8-9 merges a delta; {@code seed} picks the rest. */
    record Step(int node, int kind, int seed) {
    }

    static Gen<History> histories(int stepsMax) {
        Gen<Step> steps = integers().between(0, 4).zip(integers().between(0, 9), integers().all(), Step::new);
        return integers().between(3, 5).zip(lists().of(steps).ofSizeBetween(1, stepsMax), longs().all(), History::new);
    }
}
