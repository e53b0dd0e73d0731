package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * The laws every CRDT type must keep, checked as properties over generated histories of
 * operations, merges of full states and merges of deltas across 3 to 5 nodes. Each type's test
 * extends this with its {@link Model} and adds its own semantics.
 */
abstract class CrdtLawsTest<T extends Crdt<T>> {
    private static final int EXAMPLES = 150;
    private static final int STEPS_MAX = 40;
    private static final int PICKS = 15;

    abstract Model<T> model();

    final void forAllRuns(RunCheck<T> check) {
        qt().withExamples(EXAMPLES).forAll(History.histories(STEPS_MAX))
                .checkAssert(history -> check.check(Run.of(model(), history), new Random(history.seed())));
    }

    interface RunCheck<T extends Crdt<T>> {
        void check(Run<T> run, Random random);
    }

    @Test
    void mergeIsCommutative() {
        forAllRuns((run, random) -> {
            for (int i = 0; i < PICKS; i++) {
                T a = run.pickState(random);
                T b = run.pickState(random);
                assertEquals(a.merge(b), b.merge(a));
            }
        });
    }

    @Test
    void mergeIsAssociative() {
        forAllRuns((run, random) -> {
            for (int i = 0; i < PICKS; i++) {
                T a = run.pickState(random);
                T b = run.pickState(random);
                T c = run.pickState(random);
                assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
            }
        });
    }

    @Test
    void mergeIsIdempotent() {
        forAllRuns((run, random) -> {
            for (T state : run.states) {
                assertEquals(state, state.merge(state));
                T other = run.pickState(random);
                assertEquals(state.merge(other), state.merge(other).merge(other));
            }
        });
    }

    @Test
    void mergingTheDeltaEqualsApplyingTheOperation() {
        forAllRuns((run, random) -> {
            for (Run.Applied<T> applied : run.applied) {
                Update<T> update = applied.update();
                assertEquals(update.state(), applied.before().merge(update.delta()), () -> "op " + applied.op());
                // A replica that has the old state, and more, gets the same from the delta as from the new state.
                T replica = run.pickState(random).merge(applied.before());
                assertEquals(replica.merge(update.state()), replica.merge(update.delta()), () -> "op " + applied.op());
            }
        });
    }

    @Test
    void deltasAreSmall() {
        forAllRuns((run, random) -> {
            for (Run.Applied<T> applied : run.applied) {
                T delta = applied.update().delta();
                assertTrue(delta.dots().size() <= 1, () -> "delta holds more than the new dot: " + delta);
                assertTrue(dotCount(delta.context()) <= applied.before().dots().size() + 1,
                        () -> "delta context holds more than the new dot and the dots it replaced: " + delta);
            }
        });
    }

    @Test
    void anyDeliveryOrderWithDuplicatesConverges() {
        forAllRuns((run, random) -> {
            List<T> delivery = new ArrayList<>(run.deltas);
            for (T delta : run.deltas) {
                if (random.nextInt(3) == 0) delivery.add(delta);
            }
            Collections.shuffle(delivery, random);
            T expected = run.joinOfReplicas();
            assertEquals(expected, fold(model().empty(), delivery), "deltas shuffled, with duplicates, into an empty replica");
            for (T replica : run.replicas) {
                assertEquals(expected, fold(replica, delivery), "deltas shuffled, with duplicates, into a replica");
            }
            assertEquals(0, expected.context().cloud().size(), "every delta arrived, yet the context has gaps");
        });
    }

    @Test
    void oneReplicaBehavesLikeTheSequentialType() {
        qt().withExamples(EXAMPLES).forAll(History.histories(STEPS_MAX)).checkAssert(history -> {
            Node node = new Node("n1", 0);
            T state = model().empty();
            T follower = model().empty();   // sees only the deltas, in order
            Object reference = model().read(model().empty());
            long trueMillis = 1_000;
            for (History.Step step : history.steps()) {
                node.tick(trueMillis++);
                Op<T> op = model().randomOp(new Random(step.seed()));
                Update<T> update = op.apply(state, node);
                state = update.state();
                follower = follower.merge(update.delta());
                reference = op.applyTo(reference);
                assertEquals(reference, model().read(state), () -> "after " + op);
                assertEquals(state, follower, () -> "follower after " + op);
            }
        });
    }

    @Test
    void everyLiveDotIsInTheContext() {
        forAllRuns((run, random) -> {
            for (T state : run.states) assertTrue(state.dotsAreSeen(), () -> "dot outside the context: " + state);
            for (T delta : run.deltas) assertTrue(delta.dotsAreSeen(), () -> "dot outside the context: " + delta);
        });
    }

    @Test
    void codecRoundTripsStatesAndDeltas() {
        forAllRuns((run, random) -> {
            List<T> values = new ArrayList<>(run.states);
            values.addAll(run.deltas);
            for (T value : values) {
                byte[] bytes = CrdtCodec.encode(value);
                Crdt<?> decoded = CrdtCodec.decode(bytes);
                assertEquals(value, decoded);
                assertEquals(value.type(), CrdtCodec.typeOf(bytes));
                assertArrayEquals(bytes, CrdtCodec.encode(decoded));
            }
        });
    }

    @Test
    void decoderRejectsEveryTruncationWithAReason() {
        forAllRuns((run, random) -> {
            T value = run.pickState(random).merge(run.pickState(random));
            byte[] bytes = CrdtCodec.encode(value);
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> CrdtCodec.decode(prefix));
                assertTrue(e.getMessage().startsWith("malformed CRDT bytes at offset"), e.getMessage());
            }
        });
    }

    @Test
    void decoderAcceptsACorruptedValueOnlyInCanonicalForm() {
        forAllRuns((run, random) -> {
            byte[] bytes = CrdtCodec.encode(run.pickState(random));
            for (int i = 0; i < PICKS; i++) {
                byte[] corrupt = bytes.clone();
                corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 << random.nextInt(8));
                try {
                    Crdt<?> decoded = CrdtCodec.decode(corrupt);
                    assertArrayEquals(corrupt, CrdtCodec.encode(decoded), "accepted bytes that are not canonical");
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage().startsWith("malformed CRDT bytes"), expected.getMessage());
                }
            }
        });
    }

    static <T extends Crdt<T>> T fold(T start, List<T> values) {
        T state = start;
        for (T value : values) state = state.merge(value);
        return state;
    }

    static long dotCount(CausalContext context) {
        return context.compact().toMap().values().stream().mapToLong(Long::longValue).sum() + context.cloud().size();
    }

    static List<Dot> dotsOf(Crdt<?> value) {
        return value.dots();
    }
}
