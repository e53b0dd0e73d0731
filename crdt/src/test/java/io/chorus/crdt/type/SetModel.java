package io.chorus.crdt.type;

import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

final class SetModel implements Model<OrSet> {
    record Add(Bytes element) implements Op<OrSet> {
        public Update<OrSet> apply(OrSet state, Node node) {
            return state.add(node.name, element);
        }

        public Object applyTo(Object reference) {
            SortedSet<Bytes> next = new TreeSet<>(cast(reference));
            next.add(element);
            return next;
        }
    }

    record Remove(Bytes element) implements Op<OrSet> {
        public Update<OrSet> apply(OrSet state, Node node) {
            return state.remove(element);
        }

        public Object applyTo(Object reference) {
            SortedSet<Bytes> next = new TreeSet<>(cast(reference));
            next.remove(element);
            return next;
        }
    }

    record Clear() implements Op<OrSet> {
        public Update<OrSet> apply(OrSet state, Node node) {
            return state.clear();
        }

        public Object applyTo(Object reference) {
            return new TreeSet<Bytes>();
        }
    }

    public OrSet empty() {
        return OrSet.empty();
    }

    public Op<OrSet> randomOp(Random random) {
        int choice = random.nextInt(10);
        Bytes element = Model.pick(random, "e", 5);
        if (choice < 6) return new Add(element);
        return choice < 9 ? new Remove(element) : new Clear();
    }

    public Object read(OrSet value) {
        return value.elements();
    }

    @SuppressWarnings("unchecked")
    private static SortedSet<Bytes> cast(Object reference) {
        return (SortedSet<Bytes>) reference;
    }
}
