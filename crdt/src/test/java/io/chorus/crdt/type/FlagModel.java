package io.chorus.crdt.type;

import java.util.Random;

final class FlagModel implements Model<EwFlag> {
    record Enable() implements Op<EwFlag> {
        public Update<EwFlag> apply(EwFlag state, Node node) {
            return state.enable(node.name);
        }

        public Object applyTo(Object reference) {
            return true;
        }
    }

    record Disable() implements Op<EwFlag> {
        public Update<EwFlag> apply(EwFlag state, Node node) {
            return state.disable();
        }

        public Object applyTo(Object reference) {
            return false;
        }
    }

    public EwFlag empty() {
        return EwFlag.empty();
    }

    public Op<EwFlag> randomOp(Random random) {
        return random.nextBoolean() ? new Enable() : new Disable();
    }

    public Object read(EwFlag value) {
        return value.enabled();
    }
}
