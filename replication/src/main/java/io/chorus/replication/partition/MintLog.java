package io.chorus.replication.partition;

import io.chorus.replication.Invariants;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.ring.NodeId;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MintWrite requests this replica answered recently, so that a duplicated or retransmitted one
 * is answered again instead of minting the same client write twice (which would store it under two
 * dots). Entries are kept for {@code retentionTicks} (longer than any coordinator waits) and at most
 * {@code entriesMax}; only the outcome is kept, never the value.
 */
final class MintLog {
    record Outcome(ErrorKind refusal, String reason, long tick) {
    }

    private record Entry(NodeId coordinator, long opId) {
    }

    private final long retentionTicks;
    private final int entriesMax;
    private final LinkedHashMap<Entry, Outcome> outcomes = new LinkedHashMap<>();

    MintLog(long retentionTicks, int entriesMax) {
        this.retentionTicks = retentionTicks;
        this.entriesMax = entriesMax;
    }

    /** The earlier outcome of this request, or null if it was not seen (or forgotten). */
    Outcome find(NodeId coordinator, long opId) {
        return outcomes.get(new Entry(coordinator, opId));
    }

    void record(NodeId coordinator, long opId, ErrorKind refusal, String reason, long tick) {
        outcomes.put(new Entry(coordinator, opId), new Outcome(refusal, reason, tick));
        if (outcomes.size() > entriesMax) {
            Iterator<Map.Entry<Entry, Outcome>> oldest = outcomes.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (outcomes.size() > entriesMax) throw Invariants.violated("%s mint outcomes kept, more than %s", outcomes.size(), entriesMax);
    }

    /** Forgets entries older than the retention (insertion order is tick order). */
    void expire(long tick) {
        Iterator<Outcome> it = outcomes.values().iterator();
        while (it.hasNext() && tick - it.next().tick() > retentionTicks) it.remove();
    }
}
