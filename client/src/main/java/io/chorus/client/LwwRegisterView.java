package io.chorus.client;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.LwwRegister;

import java.util.Objects;
import java.util.Optional;

/**
 * A last-writer-wins register as read: the value with the latest hybrid logical timestamp (stamped
 * by the replica that took the write), so one value, never siblings; a concurrent write may be
 * lost to a later one. A register never written has no value. Immutable.
 */
public final class LwwRegisterView implements CrdtView {
    private final LwwRegister register;

    LwwRegisterView(LwwRegister register) {
        this.register = Objects.requireNonNull(register, "register");
    }

    /** The value as UTF-8 text, empty when never written. */
    public Optional<String> value() {
        return register.value().map(Bytes::toUtf8);
    }

    /** The value as bytes (a copy), empty when never written. */
    public Optional<byte[]> valueBytes() {
        return register.value().map(Bytes::toByteArray);
    }

    /** The value quoted (or hexadecimal), {@code (not set)} when none. */
    @Override
    public String toString() {
        return register.value().map(Bytes::toString).orElse("(not set)");
    }
}
