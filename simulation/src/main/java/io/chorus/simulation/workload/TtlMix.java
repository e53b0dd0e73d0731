package io.chorus.simulation.workload;

import io.chorus.replication.env.RandomSource;
import io.chorus.simulation.world.Draw;

import java.util.Locale;

/**
 * What the TTL client does (when a run draws one): puts with a TTL of {@code ttlMinMillis..ttlMaxMillis}
 * (short, so that values expire during the run and under its faults) and gets, on keys of its own,
 * {@code ttl0..}, so that the plain checkers, which assume a written value stays, never see them.
 * The {@code expiry} checker judges them.
 *
 * @param clients             1, or 0 when the run has no TTL client
 * @param keys                keys {@code ttl0..ttl<keys-1>}
 * @param ttlMinMillis        the shortest TTL drawn (at least the 1 s a put accepts)
 * @param ttlMaxMillis        the longest
 * @param putWeight           relative frequency of puts
 * @param getWeight           of gets
 * @param contextWriteBackRate how often a put carries the context of the client's last read of the key
 * @param reads               consistency levels of gets
 * @param writes              of puts
 * @param thinkMeanMicros     mean pause between a completion and the next invocation
 * @param clientTimeoutMicros no answer after this long: indeterminate
 */
public record TtlMix(int clients, int keys, long ttlMinMillis, long ttlMaxMillis, int putWeight, int getWeight,
                     double contextWriteBackRate, LevelMix reads, LevelMix writes, long thinkMeanMicros, long clientTimeoutMicros) {
    public static final TtlMix OFF = new TtlMix(0, 1, 1_000, 1_000, 1, 1, 0, new LevelMix(0, 0, 1, 0), new LevelMix(0, 0, 1, 0),
            1_000_000, 1_000_000);

    public TtlMix {
        if (clients < 0 || clients > 1) throw new IllegalArgumentException("TTL clients must be 0 or 1, was " + clients);
        if (keys < 1 || ttlMinMillis < 1_000 || ttlMaxMillis < ttlMinMillis || putWeight + getWeight <= 0) {
            throw new IllegalArgumentException("bad TTL mix: " + keys + " keys, TTL " + ttlMinMillis + ".." + ttlMaxMillis + " ms");
        }
    }

    /** Half the runs have a TTL client: 1-4 keys, TTLs of 1-3 s, as many gets as puts or more. */
    public static TtlMix draw(RandomSource r, long clientTimeoutMicros) {
        int clients = r.chance(0.5) ? 1 : 0;
        int keys = Draw.intBetween(r, 1, 4);
        long ttlMax = Draw.intBetween(r, 1_000, 3_000);
        return new TtlMix(clients, keys, 1_000, ttlMax, 1, Draw.intBetween(r, 1, 3), Draw.between(r, 0, 0.8),
                LevelMix.draw(r), LevelMix.draw(r), Draw.intBetween(r, 20, 200) * 1000L, clientTimeoutMicros);
    }

    public boolean on() {
        return clients > 0;
    }

    @Override
    public String toString() {
        if (!on()) return "none";
        return String.format(Locale.ROOT, "1 client, %d keys, TTL %d-%dms, put:get %d:%d, context write-back %.0f%%, reads %s, writes %s, think ~%dms",
                keys, ttlMinMillis, ttlMaxMillis, putWeight, getWeight, contextWriteBackRate * 100, reads, writes, thinkMeanMicros / 1000);
    }
}
