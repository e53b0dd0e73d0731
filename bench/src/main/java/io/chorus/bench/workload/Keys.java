package io.chorus.bench.workload;

import java.nio.charset.StandardCharsets;

/** Key index to key bytes: {@code <prefix><index>} in ASCII, e.g. {@code user42}, as YCSB names its keys. */
public final class Keys {
    private final byte[] prefix;

    public Keys(String prefix) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh array (the store may keep it): the prefix then the decimal digits of {@code index}. */
    public byte[] key(long index) {
        assert index >= 0 : "negative key index " + index;
        int digits = 1;
        for (long v = index; v >= 10; v /= 10) digits++;
        byte[] key = new byte[prefix.length + digits];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        long v = index;
        for (int i = key.length - 1; i >= prefix.length; i--) {
            key[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return key;
    }

    public String keyText(long index) {
        return new String(key(index), StandardCharsets.US_ASCII);
    }
}
