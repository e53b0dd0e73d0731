package io.chorus.crdt.type;

import java.util.Optional;
import java.util.Random;

final class LwwRegisterModel implements Model<LwwRegister> {
    record Set(Bytes value) implements Op<LwwRegister> {
        public Update<LwwRegister> apply(LwwRegister state, Node node) {
            return state.set(value, node.stampAfter(state.timestamp()));
        }

        public Object applyTo(Object reference) {
            return Optional.of(value);
        }
    }

    public LwwRegister empty() {
        return LwwRegister.empty();
    }

    public Op<LwwRegister> randomOp(Random random) {
        return new Set(Model.pick(random, "v", 4));
    }

    public Object read(LwwRegister value) {
        return value.value();
    }
}
