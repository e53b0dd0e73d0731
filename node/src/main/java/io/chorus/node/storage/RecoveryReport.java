package io.chorus.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one line a node logs at start about its storage: how the previous run stopped, what the
 * map's recovery checked and found, what the write-ahead log replay changed, and who repairs the
 * rest. An operator reads this line, not Chronicle's internals, to know whether data was lost.
 *
 * @param node           the node's name
 * @param cleanStop      whether the previous run closed cleanly (or there was none)
 * @param firstStart     whether there was no map file yet
 * @param map            the map's recovery, null if it needed none
 * @param keys           keys in the map after replay
 * @param replay         what the log replay did
 */
public record RecoveryReport(String node, boolean cleanStop, boolean firstStart, MapRecovery map, long keys, WalReplay replay) {

    /** Whether anything may have been lost locally (the other replicas still hold it). */
    public boolean lostSomething() {
        return (map != null && map.entriesDropped() > 0) || replay.undecodable() > 0 || replay.unstorable() > 0 || !replay.damage().isEmpty();
    }

    /** The line, in plain words. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (firstStart) {
            parts.add(node + ": new storage (no map file yet)");
        } else if (cleanStop) {
            parts.add(node + ": previous run stopped cleanly; " + plural(keys, "key") + " in storage");
        } else {
            parts.add(node + ": previous run did not stop cleanly");
            parts.add(map == null ? plural(keys, "key") + " in storage" : mapWords());
        }
        parts.add(replayWords());
        if (!cleanStop && !firstStart) {
            parts.add(lostSomething()
                    ? "anti-entropy will bring back what was dropped, and anything else this node missed, from the other replicas"
                    : "anti-entropy will repair anything else this node missed from the other replicas");
        }
        return String.join("; ", parts);
    }

    private String mapWords() {
        String found = "recovered " + ChronicleStorage.MAP_FILE + ": " + plural(map.keysReadable(), "key") + " readable, "
                + plural(map.entriesDropped(), "entry") + " dropped";
        List<String> details = new ArrayList<>();
        if (map.damagedEntries() > 0) details.add(count(map.damagedEntries()) + " found damaged by Chronicle");
        if (map.undecodableRemoved() > 0) details.add(count(map.undecodableRemoved()) + " did not decode");
        if (map.bookkeepingFixes() > 0) details.add(count(map.bookkeepingFixes()) + " free-space, counter and lock fixes, no data involved");
        return details.isEmpty() ? found : found + " (" + String.join("; ", details) + ")";
    }

    private String replayWords() {
        if (replay.segments() == 0 || replay.records() == 0 && replay.tornTailBytes() == 0 && replay.damage().isEmpty()) {
            return "write-ahead log empty, nothing to replay";
        }
        String words = "replayed " + plural(replay.records(), "durable write") + " from the write-ahead log (" + count(replay.keysBehind())
                + (replay.keysBehind() == 1 ? " key was" : " keys were") + " behind";
        if (replay.tornTailBytes() > 0) words += "; " + count(replay.tornTailBytes()) + " bytes of an unacknowledged write cut short at the end, dropped";
        if (replay.undecodable() > 0) words += "; " + count(replay.undecodable()) + " records did not decode, skipped";
        if (replay.unstorable() > 0) words += "; " + count(replay.unstorable()) + " records did not fit in the map, skipped";
        if (!replay.damage().isEmpty()) words += "; damaged before its end: " + String.join(", ", replay.damage());
        return words + ")";
    }

    private static String plural(long n, String noun) {
        String plural = noun.equals("entry") ? "entries" : noun + "s";
        return count(n) + " " + (n == 1 ? noun : plural);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
