package io.chorus.simulation.history;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.ErrorKind;

import java.util.List;
import java.util.Objects;

/**
 * A client learned how an operation ended.
 *
 * @param values    for an ok get: the live values read (empty: not found); else empty
 * @param context   for an ok get or write: the causal context returned; else empty
 * @param errorKind the node's error kind, or null (ok, or a reason of the client's own: no answer, refused)
 * @param error     why it failed or is indeterminate, in words; null when ok
 */
public record Completion(int opId, Outcome outcome, long atMicros, List<String> values, VersionVector context,
                         ErrorKind errorKind, String error) {
    public Completion {
        Objects.requireNonNull(outcome, "outcome");
        values = List.copyOf(values);
        Objects.requireNonNull(context, "context");
        if ((outcome == Outcome.OK) != (error == null)) throw new IllegalArgumentException("an error, and only an error, has a reason: " + outcome);
    }

    public static Completion ok(int opId, long atMicros, List<String> values, VersionVector context) {
        return new Completion(opId, Outcome.OK, atMicros, values, context, null, null);
    }

    /** The node answered with an error; Timeout is indeterminate, every other kind means nothing was applied. */
    public static Completion error(int opId, long atMicros, ErrorKind kind, String message) {
        Outcome outcome = kind == ErrorKind.TIMEOUT ? Outcome.INDETERMINATE : Outcome.FAIL;
        return new Completion(opId, outcome, atMicros, List.of(), VersionVector.empty(), kind, kind.displayName() + " " + message);
    }

    /** The request never reached a node (connection refused): definitely not applied. */
    public static Completion refused(int opId, long atMicros, String reason) {
        return new Completion(opId, Outcome.FAIL, atMicros, List.of(), VersionVector.empty(), null, reason);
    }

    /** No answer in time, or an answer the client could not use: may or may not have been applied. */
    public static Completion indeterminate(int opId, long atMicros, String reason) {
        return new Completion(opId, Outcome.INDETERMINATE, atMicros, List.of(), VersionVector.empty(), null, reason);
    }
}
