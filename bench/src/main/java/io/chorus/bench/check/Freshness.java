package io.chorus.bench.check;

import io.chorus.bench.store.StoreRead;
import io.chorus.bench.workload.Values;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.CausalContext;

import java.util.List;

/**
 * The freshness rule. A read is fresh for an acknowledged write w when it returns w's value (among
 * its siblings), or its context descends w's acknowledged context: then the read has seen w, so w
 * is either among the values or was superseded by one that is. A read that started after w's
 * acknowledgement and is not fresh for it is stale. Pure and allocation-free unless the values
 * alone do not settle it (then the read's context is decoded once).
 */
public final class Freshness {
    private Freshness() {
    }

    /** The first write of {@code before} that {@code read} missed, or null when it is fresh for all. */
    public static WriteRecord firstMissed(Frontier before, StoreRead read, Values values) {
        if (before.isEmpty()) return null;
        VersionVector readContext = null;
        for (int i = 0; i < before.size(); i++) {
            WriteRecord w = before.get(i);
            if (returnsValueOf(read.values(), w.writeId(), values)) continue;
            if (w.ack().isEmpty()) return w; // an ack without a context proves nothing: only the value counts
            if (readContext == null) readContext = decodeOrEmpty(read.context());
            if (!readContext.descends(w.ack())) return w;
        }
        return null;
    }

    private static boolean returnsValueOf(List<byte[]> returned, long writeId, Values values) {
        for (int i = 0; i < returned.size(); i++) {
            if (values.writeIdOf(returned.get(i)) == writeId) return true;
        }
        return false;
    }

    /** A context the checker cannot decode has seen nothing it can prove: treated as empty. */
    static VersionVector decodeOrEmpty(byte[] context) {
        try {
            return CausalContext.decode(context);
        } catch (IllegalArgumentException e) {
            return VersionVector.empty();
        }
    }
}
