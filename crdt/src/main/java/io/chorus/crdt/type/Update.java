package io.chorus.crdt.type;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a mutator returns: the replica's new {@code state} and the {@code delta} to ship to the
 * other replicas. The delta is a value of the same type, merges like a full state, and
 * {@code old.merge(delta).equals(state)} holds for the state the mutator was called on.
 */
public record Update<T extends Crdt<T>>(T state, T delta) {
    public Update {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(delta, "delta");
        assert state.type() == delta.type() : "state and delta of different types";
    }

    /** An operation that changes nothing (removing an absent element): the delta is bottom. */
    @SuppressWarnings("unchecked")
    static <T extends Crdt<T>> Update<T> none(T state) {
        return new Update<>(state, (T) state.type().empty());
    }

    /**
     * This update followed by {@code next} (applied to this update's state), as one update: the
     * delta is the merge of both deltas, so several operations on one value ship together.
     */
    public Update<T> andThen(Function<? super T, Update<T>> next) {
        Update<T> second = next.apply(state);
        return new Update<>(second.state(), delta.merge(second.delta()));
    }

    /** True when the delta carries nothing, so there is nothing to ship. */
    public boolean isNoop() {
        return delta.isEmpty() && delta.context().isEmpty();
    }
}
