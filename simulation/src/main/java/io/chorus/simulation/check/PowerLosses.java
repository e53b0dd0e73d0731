package io.chorus.simulation.check;

import io.chorus.crdt.clock.Dot;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.History.Rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What power losses made replicas forget: only the --power-loss exploration mode has any; in every
 * other run every answer here is false, so the checkers that ask stay as strict as before.
 *
 * <p>Storage does not fsync, so a replica that loses power rolls back to its last synced state and
 * forgets the writes it stored since, acknowledged or not. An acknowledged write kept only by
 * replicas that all lost it is gone for good, and a read served by a replica that lost it is stale
 * until anti-entropy brings it back. Both follow from not syncing, not from the protocol, and the
 * checkers excuse them: a write whose effect a rollback dropped promises nothing from that rollback
 * on. The final-state checks can afford that breadth because convergence is checked on its own:
 * if any replica kept the write, all of them must end up with it. Still checked in full: a dot
 * minted twice (NoPhantomChecker), replicas that disagree at the end, and every write no power loss
 * touched.
 */
final class PowerLosses {
    private final TreeMap<Key, List<Rollback>> byKey = new TreeMap<>();

    PowerLosses(History history) {
        for (Rollback rollback : history.rollbacks()) byKey.computeIfAbsent(rollback.key(), k -> new ArrayList<>()).add(rollback);
    }

    /** Whether a replica forgot the version {@code dot} of {@code key} (its context lost the dot) before {@code beforeMicros}. */
    boolean forgot(Key key, Dot dot, long beforeMicros) {
        return any(key, beforeMicros, r -> r.lost().context().contains(dot) && !r.durable().context().contains(dot));
    }

    /** Whether a replica forgot any of {@code dots} of {@code key} before {@code beforeMicros}. */
    boolean forgotAny(Key key, List<Dot> dots, long beforeMicros) {
        for (Dot dot : dots) {
            if (forgot(key, dot, beforeMicros)) return true;
        }
        return false;
    }

    /**
     * Whether a replica forgot, before {@code beforeMicros}, that the version {@code dot} of
     * {@code key} was superseded: it had seen the dot without holding it, and rolled back to a state
     * that holds it or never saw it (from which anti-entropy can bring it back).
     */
    boolean forgotSupersession(Key key, Dot dot, long beforeMicros) {
        return any(key, beforeMicros, r -> r.lost().context().contains(dot) && !holds(r.lost(), dot)
                && (holds(r.durable(), dot) || !r.durable().context().contains(dot)));
    }

    /** Whether a replica forgot it had applied CRDT operation {@code operationId} to {@code key} before {@code beforeMicros}. */
    boolean forgotOperation(Key key, long operationId, long beforeMicros) {
        return firstForgotOperation(key, operationId) < beforeMicros;
    }

    /** When a replica first forgot it had applied CRDT operation {@code operationId} to {@code key}; Long.MAX_VALUE if never. */
    long firstForgotOperation(Key key, long operationId) {
        for (Rollback r : byKey.getOrDefault(key, List.of())) {
            if (r.lost().appliedOps().contains(operationId) && !r.durable().appliedOps().contains(operationId)) return r.atMicros();
        }
        return Long.MAX_VALUE;
    }

    private boolean any(Key key, long beforeMicros, Predicate<Rollback> test) {
        for (Rollback rollback : byKey.getOrDefault(key, List.of())) {
            if (rollback.atMicros() < beforeMicros && test.test(rollback)) return true;
        }
        return false;
    }

    private static boolean holds(KeyState state, Dot dot) {
        for (Sibling sibling : state.siblings()) {
            if (sibling.dot().equals(dot)) return true;
        }
        return false;
    }
}
