package io.chorus.crdt.type;

import java.util.Random;
import java.util.TreeSet;

final class MvRegisterModel implements Model<MvRegister> {
    record Set(Bytes value) implements Op<MvRegister> {
        public Update<MvRegister> apply(MvRegister state, Node node) {
            return state.set(node.name, value);
        }

        public Object applyTo(Object reference) {
            return new TreeSet<>(java.util.Set.of(value));
        }
    }

    public MvRegister empty() {
        return MvRegister.empty();
    }

    public Op<MvRegister> randomOp(Random random) {
        return new Set(Model.pick(random, "v", 4));
    }

    public Object read(MvRegister value) {
        return value.values();
    }
}
