package io.chorus.node.storage;

import io.chorus.replication.env.Storage;
import io.chorus.replication.env.StorageFullException;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays the write-ahead log into the map at start, before the replica exists: each record's
 * state is merged into what the map holds for its key ({@link KeyState#merge}). Key states are
 * join-semilattices, so a replay is idempotent, its order does not matter, and it never rolls a key
 * back: a record older than the map's state changes nothing, and only keys the map lost or holds
 * an older state of are written ("behind").
 *
 * @param segments      segments read
 * @param records       whole records read
 * @param keysBehind    distinct keys the replay changed in the map
 * @param undecodable   records whose state did not decode (skipped; a bug or a format change)
 * @param unstorable    records the map refused (full), skipped
 * @param tornTailBytes bytes after the last whole record of the newest segment (a write the crash
 *                      cut short: never fsynced, so never acknowledged), dropped
 * @param damage        damage found before the end of the log, in words (empty when none)
 */
public record WalReplay(int segments, long records, long keysBehind, long undecodable, long unstorable, long tornTailBytes,
                        List<String> damage) {
    private static final Logger log = LoggerFactory.getLogger(WalReplay.class);

    public WalReplay {
        damage = List.copyOf(damage);
    }

    /** Replays {@code segments} (oldest first) into {@code storage}; a record longer than {@code payloadBytesMax} counts as damage. */
    public static WalReplay replay(String nodeName, List<Path> segments, Storage storage, Codec codec, int payloadBytesMax) {
        Set<Key> behind = new HashSet<>();
        long[] counts = new long[3]; // records, undecodable, unstorable
        long tornTailBytes = 0;
        List<String> damage = new java.util.ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            WalReader.SegmentRead read;
            try {
                read = WalReader.read(segment, payloadBytesMax, (keyBytes, stateBytes) -> {
                    counts[0]++;
                    KeyState state;
                    try {
                        state = codec.decodeSiblings(stateBytes);
                    } catch (RuntimeException e) {
                        counts[1]++;
                        return;
                    }
                    Key key = Key.wrap(keyBytes);
                    if (apply(storage, key, state, counts)) behind.add(key);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read write-ahead log segment " + segment.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            if (read.damage() == null) continue;
            boolean newest = i == segments.size() - 1;
            if (newest) {
                tornTailBytes = read.droppedBytes();
                log.info("{}: the write-ahead log ends with {} bytes of a write the crash cut short ({} at byte {} of {}); they were never"
                        + " fsynced, so no client was told they were durable: dropped", nodeName, read.droppedBytes(), read.damage(),
                        read.goodBytes(), segment.getFileName());
            } else {
                String words = segment.getFileName() + ": " + read.damage() + " at byte " + read.goodBytes() + ", the last "
                        + read.droppedBytes() + " bytes of this segment were not replayed";
                damage.add(words);
                log.warn("{}: write-ahead log damaged before its end: {}", nodeName, words);
            }
        }
        return new WalReplay(segments.size(), counts[0], behind.size(), counts[1], counts[2], tornTailBytes, damage);
    }

    /** Merges one record into the map; true if the map changed. */
    private static boolean apply(Storage storage, Key key, KeyState state, long[] counts) {
        KeyState stored;
        try {
            stored = storage.get(key);
        } catch (RuntimeException e) {
            stored = null; // an entry that does not decode holds nothing readable: the record replaces it
        }
        KeyState merged = stored == null ? state : stored.merge(state);
        if (merged.equals(stored)) return false;
        try {
            storage.put(key, merged);
            return true;
        } catch (StorageFullException e) {
            counts[2]++;
            return false;
        }
    }
}
