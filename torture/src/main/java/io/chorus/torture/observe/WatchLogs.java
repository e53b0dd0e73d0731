package io.chorus.torture.observe;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.type.CausalContext;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the storage watch logs the nodes write (node/CONFIG.md, test-only switches): lines
 * {@code actor NAME} at every start, and {@code put KEY SIBLINGS} after every storage write. Replaying
 * a node's log gives its storage, key by key, and tells which versions were new to it: exactly what
 * the simulator's storage observer sees, so the same facts go into the History.
 */
public final class WatchLogs {
    private final Codec codec = new Codec(64 << 20);
    private final TreeMap<NodeId, TreeMap<Key, KeyState>> states = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Replays every node's log; with a non-null {@code history}, records the minted dots into it. */
    public static WatchLogs replay(Map<NodeId, Path> logs, History history) {
        WatchLogs watch = new WatchLogs();
        logs.forEach((node, file) -> watch.replayOne(node, file, history));
        return watch;
    }

    /** Each node's storage as its log last recorded it. */
    public Map<NodeId, TreeMap<Key, KeyState>> states() {
        return states;
    }

    /** Lines that could not be read (none expected: each line is one write() of the node). */
    public List<String> problems() {
        return problems;
    }

    private void replayOne(NodeId node, Path file, History history) {
        TreeMap<Key, KeyState> state = states.computeIfAbsent(node, n -> new TreeMap<>());
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the storage watch log " + file, e);
        }
        String actor = null;
        long step = 0;
        for (String line : lines) {
            step++;
            String[] parts = line.split(" ");
            if (parts.length == 2 && parts[0].equals("actor")) {
                actor = parts[1];
            } else if (parts.length == 3 && parts[0].equals("put")) {
                try {
                    Key key = Key.of(Base64.getDecoder().decode(parts[1]));
                    KeyState after = codec.decodeSiblings(Base64.getDecoder().decode(parts[2]));
                    KeyState before = state.put(key, after);
                    if (history != null) observe(history, node, actor, key, before, after, step);
                } catch (RuntimeException e) {
                    problems.add(file + " line " + step + ": " + e.getMessage());
                }
            } else if (!line.isEmpty()) {
                problems.add(file + " line " + step + ": not a watch log line");
            }
        }
    }

    /**
     * The simulator's rule (SimWorld's storage watch): a version whose dot the old state had not
     * seen is new here, and its value was minted with that dot; dots of the node's own actor new to
     * its storage were minted by it. Real time is not in the log: {@code step} orders a node's mints.
     */
    private static void observe(History history, NodeId node, String actor, Key key, KeyState before, KeyState after, long step) {
        for (Sibling sibling : after.siblings()) {
            if (sibling.isTombstone() || before != null && before.context().contains(sibling.dot())) continue;
            history.minted(new String(sibling.value(), StandardCharsets.UTF_8), sibling.dot());
        }
        if (actor == null) return;
        for (long counter = highestDotOf(before, actor) + 1; counter <= highestDotOf(after, actor); counter++) {
            history.mintedBy(key, new Dot(actor, counter), node, step);
        }
    }

    private static long highestDotOf(KeyState state, String actor) {
        if (state == null) return 0;
        long highest = state.context().get(actor);
        if (state.crdt() != null) {
            CausalContext crdtContext = state.crdt().context();
            highest = Math.max(highest, crdtContext.compact().get(actor));
            Dot last = crdtContext.cloud().floor(new Dot(actor, Long.MAX_VALUE));
            if (last != null && last.actor().equals(actor)) highest = Math.max(highest, last.counter());
        }
        return highest;
    }
}
