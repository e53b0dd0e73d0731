package io.chorus.replication.config;

/**
 * Bounds of hinted handoff on one node (it may be the fallback of every other node at once).
 *
 * @param hintsMax              most keys this node holds hints for; past it a new hint is refused (and counted): anti-entropy
 *                              repairs the key once its primary is back
 * @param hintBytesMax          most bytes of hinted key states this node stores (their encoded size, approximately)
 * @param hintReplayKeysPerTick most hinted keys handed to returning primaries per tick, so that a node coming back is not
 *                              flooded (at the node's default 10 ms tick, 20 keys per tick is 2,000 keys per second)
 */
public record HintLimits(int hintsMax, long hintBytesMax, int hintReplayKeysPerTick) {
    public static final HintLimits DEFAULTS = new HintLimits(100_000, 256L << 20, 20);

    public HintLimits {
        if (hintsMax < 0) throw new IllegalArgumentException("hintsMax must be at least 0 (0: keep no hints), was " + hintsMax);
        if (hintBytesMax < 0) throw new IllegalArgumentException("hintBytesMax must be at least 0, was " + hintBytesMax);
        if (hintReplayKeysPerTick < 1) {
            throw new IllegalArgumentException("hintReplayKeysPerTick must be at least 1, was " + hintReplayKeysPerTick);
        }
    }
}
