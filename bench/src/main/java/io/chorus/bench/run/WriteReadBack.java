package io.chorus.bench.run;

import io.chorus.bench.check.Freshness;
import io.chorus.bench.check.Frontier;
import io.chorus.bench.check.WriteRecord;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreRead;
import io.chorus.replication.state.Consistency;

import java.util.stream.LongStream;

/**
 * The read-back of the key-value workloads: every acknowledged write of the run is readable. Each
 * key the run wrote is read and checked against its {@link Frontier} with the stale-read checker's
 * rule (a write superseded by another acknowledged write counts as verified through it). A miss may
 * mend: a replica written at ONE may still be catching up.
 */
final class WriteReadBack implements Verifier.ReadBack {
    private final SharedState shared;
    private final Consistency level;
    private final long awaitNanos;

    WriteReadBack(SharedState shared, Consistency level, long awaitNanos) {
        this.shared = shared;
        this.level = level;
        this.awaitNanos = awaitNanos;
    }

    @Override
    public long[] keys() {
        LongStream.Builder keys = LongStream.builder();
        shared.writeLog().forEachWrittenKey(shared.keySpace().claimed(), keys::add);
        return keys.build().toArray();
    }

    @Override
    public Verifier.Miss check(Store store, long keyIndex) throws Exception {
        Frontier expected = shared.writeLog().frontier(keyIndex);
        StoreRead read = Verifier.await(store.get(shared.keys().key(keyIndex), level), awaitNanos);
        WriteRecord missed = Freshness.firstMissed(expected, read, shared.values());
        if (missed == null) return null;
        return new Verifier.Miss(shared.keys().keyText(keyIndex) + " does not show acknowledged write " + missed.writeId()
                + " (ack context " + missed.ack() + "): read returned " + read.values().size() + " value(s)", true);
    }

    @Override
    public long acknowledged() {
        return shared.writeLog().acknowledgedCount();
    }
}
