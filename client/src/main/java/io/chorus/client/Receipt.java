package io.chorus.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a result came about, for a user who wants to know what the consistency level bought:
 * which node coordinated the request and after how many sends, which replicas answered (a read)
 * or acknowledged (a write), whether each is one of the key's primary replicas or a fallback
 * standing in for one, whether read repair was sent, whether the write is durable, and the
 * context the write was stored under. {@code ./chorus get KEY --explain} prints it.
 *
 * @param coordinator the node that coordinated the request (its name, or its address when the
 *                    client does not know the ring)
 * @param attempts    sends it took (1: the first node asked answered)
 * @param replicas    replicas whose answers make the result, as the coordinator reported them,
 *                    in the order they answered; empty when the node did not say
 * @param fallbacks   those of {@code replicas} that are not among the key's primary replicas
 * @param readRepair  a read: some replicas that answered were behind the merge and get it sent
 * @param durable     a write: acknowledged only once on disk on as many replicas as the level needs
 * @param context     the context of the result: what a read has seen, or what a write was stored
 *                    under (its dots) and supersedes
 */
public record Receipt(String coordinator, int attempts, List<String> replicas, List<String> fallbacks,
                      boolean readRepair, boolean durable, Context context) {
    /** For results made without a node (tests, local stores): nothing known. */
    public static final Receipt NONE = new Receipt("", 0, List.of(), List.of(), false, false, Context.NONE);

    public Receipt {
        Objects.requireNonNull(coordinator, "coordinator");
        replicas = List.copyOf(replicas);
        fallbacks = List.copyOf(fallbacks);
        Objects.requireNonNull(context, "context");
        assert replicas.containsAll(fallbacks) : "a fallback " + fallbacks + " that did not answer " + replicas;
    }

    /** {@code answered} split by whether each is one of {@code primaries}. */
    static List<String> fallbacksOf(List<String> answered, List<String> primaries) {
        if (primaries.isEmpty()) return List.of(); // the ring is unknown: nothing to compare with
        List<String> fallbacks = new ArrayList<>(0);
        for (String name : answered) {
            if (!primaries.contains(name)) fallbacks.add(name);
        }
        return fallbacks;
    }

    /** The receipt as lines of text, {@code name: value}, for the command line's {@code --explain}. */
    public List<String> describe(boolean isWrite) {
        List<String> lines = new ArrayList<>();
        lines.add("coordinator: " + coordinator + (attempts > 1 ? " (after " + attempts + " sends)" : ""));
        if (replicas.isEmpty()) {
            lines.add((isWrite ? "acknowledged by" : "answered by") + ": (not reported by the node)");
        } else {
            List<String> labelled = new ArrayList<>(replicas.size());
            for (String name : replicas) labelled.add(name + (fallbacks.contains(name) ? " (fallback)" : " (primary)"));
            lines.add((isWrite ? "acknowledged by" : "answered by") + ": " + String.join(", ", labelled));
        }
        if (isWrite) {
            lines.add("durable: " + (durable ? "yes (fsynced)" : "no (page cache)"));
        } else {
            lines.add("read repair: " + (readRepair ? "sent (a replica was behind)" : "none needed"));
        }
        lines.add("context: " + (context.bytes().length == 0 ? "(none)" : context.toString()));
        return lines;
    }
}
