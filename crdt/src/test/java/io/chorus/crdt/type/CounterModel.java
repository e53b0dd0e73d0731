package io.chorus.crdt.type;

import java.util.Random;

final class CounterModel implements Model<PnCounter> {
    record Increment(long amount) implements Op<PnCounter> {
        public Update<PnCounter> apply(PnCounter state, Node node) {
            return state.increment(node.name, amount);
        }

        public Object applyTo(Object reference) {
            return (Long) reference + amount;
        }
    }

    record Decrement(long amount) implements Op<PnCounter> {
        public Update<PnCounter> apply(PnCounter state, Node node) {
            return state.decrement(node.name, amount);
        }

        public Object applyTo(Object reference) {
            return (Long) reference - amount;
        }
    }

    public PnCounter empty() {
        return PnCounter.empty();
    }

    public Op<PnCounter> randomOp(Random random) {
        long amount = random.nextInt(5);
        return random.nextInt(3) == 0 ? new Decrement(amount) : new Increment(amount);
    }

    public Object read(PnCounter value) {
        return value.value();
    }
}
