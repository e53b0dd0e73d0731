package io.chorus.replication.message;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver with class-by-name refused in both directions. Registration being required
 * is not enough: Kryo's stock resolver reads the class name (with Kryo's own string reader, which
 * allocates whatever character count the wire claims, ~4 GB for a 25-byte frame) before it looks the
 * class up and finds it unregistered. Here a class written by name is refused from its tag alone,
 * before any length is read, so the only classes a frame can name are the registered ids.
 */
final class RegisteredClassesOnly extends DefaultClassResolver {
    @Override
    protected Registration readName(Input input) {
        throw new KryoException("a class written by name is refused: only registered class ids are accepted");
    }

    @Override
    protected void writeName(Output output, Class type, Registration registration) {
        throw new KryoException("refusing to write " + type.getName() + " by name: register it with an id in Codec");
    }
}
