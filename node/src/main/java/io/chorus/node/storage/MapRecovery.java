package io.chorus.node.storage;

import io.chorus.replication.message.Codec;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import net.openhft.chronicle.core.onoes.ThreadLocalisedExceptionHandler;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Chronicle Map's recovery of the map file found, in words an operator can act on.
 *
 * <p>Left alone, Chronicle logs every fix as an ERROR ("wrong lowest free chunk for tier ...") and
 * warns on every recovery that it risks "losing and/or corrupting partial or all data", whatever
 * it finds; after a kill -9 almost every restart printed both, and nobody could tell whether
 * anything was lost. So the recovery runs with this class as its corruption listener and with
 * Chronicle's warnings routed here on this thread only; each finding is sorted into bookkeeping
 * (the free-space hint and entry counter of a segment tier, which a write cut short leaves stale,
 * and a segment lock the dead process held: no data involved) and damaged entries (Chronicle removes them). Then {@link #scan} reads every
 * entry back and decodes it: an entry the codec cannot read is removed and counted, never a crash.
 * Anti-entropy brings removed keys back from the other replicas.
 */
public final class MapRecovery implements ChronicleHashCorruption.Listener {
    private static final Logger log = LoggerFactory.getLogger(MapRecovery.class);
    /**
     * Chronicle messages that only concern bookkeeping (lower case): a tier's free-space hint and
     * entry counter, and a segment lock the dead process held (which the recovery clears; a kill -9
     * during any write leaves one).
     */
    private static final List<String> BOOKKEEPING = List.of("wrong lowest free chunk", "wrong number of entries counter", "lock of segment");
    /** Damaged entries whose messages are logged one by one; past that, only counted. */
    private static final int LOGGED_DAMAGE_MAX = 20;

    private int bookkeepingFixes;
    private int damagedEntries;
    private final List<String> chronicleWarnings = new ArrayList<>();
    private long keysReadable;
    private long undecodableRemoved;

    @FunctionalInterface
    interface Opening<T> {
        T open() throws IOException;
    }

    /** Runs Chronicle's recovery with its warnings collected here (this thread only, restored after). */
    <T> T run(Opening<T> opening) throws IOException {
        ExceptionHandler warnings = (logger, message, thrown) -> chronicleWarnings.add(message == null ? String.valueOf(thrown) : message);
        if (!(Jvm.warn() instanceof ThreadLocalisedExceptionHandler handler)) return opening.open(); // Chronicle logs as it likes
        ExceptionHandler before = handler.threadLocalHandler();
        handler.threadLocalHandler(warnings);
        try {
            return opening.open();
        } finally {
            if (before == null) handler.resetThreadLocalHandler();
            else handler.threadLocalHandler(before);
        }
    }

    @Override
    public void onCorruption(ChronicleHashCorruption corruption) {
        String message = corruption.message();
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (BOOKKEEPING.stream().anyMatch(lower::startsWith)) {
            bookkeepingFixes++;
            return;
        }
        damagedEntries++;
        if (damagedEntries <= LOGGED_DAMAGE_MAX) {
            log.warn("map recovery, segment {}: {}", corruption.segmentIndex(), ChronicleStorage.firstLine(message));
        }
    }

    /** Reads back every entry; removes (and counts) those the codec cannot decode. */
    void scan(ChronicleMap<byte[], byte[]> map, Codec codec) {
        for (int segment = 0; segment < map.segments(); segment++) {
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
                context.forEachSegmentEntry(entry -> {
                    try {
                        codec.decodeSiblings(entry.value().get());
                        keysReadable++;
                    } catch (RuntimeException e) {
                        undecodableRemoved++;
                        if (undecodableRemoved <= LOGGED_DAMAGE_MAX) {
                            log.warn("map recovery: removed an entry of {} bytes that does not decode ({})",
                                    entry.value().size(), ChronicleStorage.firstLine(e.getMessage()));
                        }
                        entry.doRemove();
                    }
                });
            }
        }
    }

    /** Fixes to tiers' free-space hints and entry counters, and segment locks cleared: what a cut-short write leaves, no data. */
    public int bookkeepingFixes() {
        return bookkeepingFixes;
    }

    /** Entries Chronicle found damaged (checksum, position, duplicates) and removed. */
    public int damagedEntries() {
        return damagedEntries;
    }

    /** Entries that survived Chronicle's recovery but did not decode, removed by the scan. */
    public long undecodableRemoved() {
        return undecodableRemoved;
    }

    /** Keys readable after recovery and scan. */
    public long keysReadable() {
        return keysReadable;
    }

    /** Entries lost to the recovery, all causes. */
    public long entriesDropped() {
        return damagedEntries + undecodableRemoved;
    }

    /** Chronicle's own warnings during the recovery (its generic "needs exclusive access" notice, mostly). */
    public List<String> chronicleWarnings() {
        return List.copyOf(chronicleWarnings);
    }
}
