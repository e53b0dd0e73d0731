package io.chorus.replication.ring;

/**
 * A stable 64-bit hash of key bytes: FNV-1a over the bytes, then the SplitMix64 finaliser so that
 * the top bits (which pick the partition) are well mixed. Stable across JVMs and releases: changing
 * it would move every key.
 */
public final class KeyHash {
    private KeyHash() {
    }

    public static long hash64(byte[] bytes) {
        long h = 0xCBF29CE484222325L;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        h ^= h >>> 30;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 27;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
