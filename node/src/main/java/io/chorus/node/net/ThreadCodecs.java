package io.chorus.node.net;

import io.chorus.replication.message.Codec;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * One {@link Codec} per thread (Kryo is not thread-safe), each producing at most
 * {@code frameBytesMax} bytes. Netty's event loops encode and decode with their own.
 */
public final class ThreadCodecs {
    private final FastThreadLocal<Codec> codecs;

    public ThreadCodecs(int frameBytesMax) {
        this.codecs = new FastThreadLocal<>() {
            @Override
            protected Codec initialValue() {
                return new Codec(frameBytesMax);
            }
        };
    }

    public Codec get() {
        return codecs.get();
    }
}
