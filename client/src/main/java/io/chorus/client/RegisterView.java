package io.chorus.client;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.MvRegister;

import java.util.List;
import java.util.Objects;

/**
 * A multi-value register as read: the value of the latest write, or, when writes were concurrent
 * (neither saw the other), each of their values, in unsigned byte order. The next write replaces
 * every value its node had seen. A register never written has no value. Immutable.
 */
public final class RegisterView implements CrdtView {
    private final MvRegister register;

    RegisterView(MvRegister register) {
        this.register = Objects.requireNonNull(register, "register");
    }

    /** The values as UTF-8 text: empty when never written, several after concurrent writes. */
    public List<String> values() {
        return register.values().stream().map(Bytes::toUtf8).toList();
    }

    /** The values as bytes (copies). */
    public List<byte[]> valueBytes() {
        return register.values().stream().map(Bytes::toByteArray).toList();
    }

    /** True when concurrent writes left more than one value. */
    public boolean hasConcurrentValues() {
        return register.values().size() > 1;
    }

    /** Each value quoted (or hexadecimal), concurrent ones separated by {@code |}; {@code (not set)} when none. */
    @Override
    public String toString() {
        if (register.values().isEmpty()) return "(not set)";
        return String.join(" | ", register.values().stream().map(Bytes::toString).toList());
    }
}
