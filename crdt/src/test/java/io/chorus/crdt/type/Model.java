package io.chorus.crdt.type;

import java.util.Random;

/**
 * How tests drive one CRDT type: random operations, and what a user reads from a value, which on
 * a single replica must match the sequential reference the operations compute.
 */
interface Model<T extends Crdt<T>> {
    T empty();

    Op<T> randomOp(Random random);

    /** The user-visible value as a plain Java value; {@code read(empty())} is the empty reference. */
    Object read(T value);

    static Bytes pick(Random random, String prefix, int choices) {
        return Bytes.utf8(prefix + random.nextInt(choices));
    }
}
