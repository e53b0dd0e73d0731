package io.chorus.simulation.check;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which versions some client write has superseded. A put or delete supersedes exactly the versions
 * its context has seen (SEMANTICS.md), so a version with dot d may legitimately disappear only if
 * some write that may have taken effect (not a definite failure) carried a context containing d.
 * Contexts are downward-closed sets of dots, so "some write's context contains d" is "the merge of
 * those contexts contains d": one version vector per key and time answers it.
 */
final class Supersession {
    private record Step(long invokedMicros, VersionVector coveredSoFar) {
    }

    private final TreeMap<Key, List<Step>> byKey = new TreeMap<>();

    Supersession(History history) {
        for (Op op : history.ops()) { // invocation order, so each key's steps are in time order
            if (!op.type().isWrite() || !op.mayHaveApplied() || op.invocation().context().isEmpty()) continue;
            List<Step> steps = byKey.computeIfAbsent(op.key(), k -> new ArrayList<>());
            VersionVector before = steps.isEmpty() ? VersionVector.empty() : steps.get(steps.size() - 1).coveredSoFar();
            steps.add(new Step(op.invokedMicros(), before.merge(op.invocation().context())));
        }
    }

    /** Whether a write on {@code key} invoked before {@code beforeMicros} had seen any of {@code dots}. */
    boolean anySuperseded(Key key, List<Dot> dots, long beforeMicros) {
        VersionVector covered = coveredBefore(key, beforeMicros);
        for (Dot dot : dots) {
            if (covered.contains(dot)) return true;
        }
        return false;
    }

    /** The dots some write on {@code key} invoked before {@code beforeMicros} had seen. */
    VersionVector coveredBefore(Key key, long beforeMicros) {
        List<Step> steps = byKey.get(key);
        if (steps == null) return VersionVector.empty();
        int low = 0, high = steps.size(); // first step invoked at or after beforeMicros
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (steps.get(mid).invokedMicros() < beforeMicros) low = mid + 1; else high = mid;
        }
        return low == 0 ? VersionVector.empty() : steps.get(low - 1).coveredSoFar();
    }
}
