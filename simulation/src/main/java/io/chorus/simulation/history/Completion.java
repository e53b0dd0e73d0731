package io.chorus.simulation.history;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.ErrorKind;

import java.util.List;
import java.util.Objects;

/**
 * A client learned how an operation ended.
 *
 * @param values       for an ok get: the live values read (empty: not found); for an ok set read: the
 *                     elements; else empty
 * @param context      for an ok get or write: the causal context returned; else empty
 * @param errorKind    the node's error kind, or null (ok, or a reason of the client's own: no answer, refused)
 * @param error        why it failed or is indeterminate, in words; null when ok
 * @param counterValue for an ok counter read: the value read; else 0
 * @param attempts     how many times the request was sent: 1, except for a retried CRDT update
 */
public record Completion(int opId, Outcome outcome, long atMicros, List<String> values, VersionVector context,
                         ErrorKind errorKind, String error, long counterValue, int attempts) {
    public Completion {
        Objects.requireNonNull(outcome, "outcome");
        values = List.copyOf(values);
        Objects.requireNonNull(context, "context");
        if ((outcome == Outcome.OK) != (error == null)) throw new IllegalArgumentException("an error, and only an error, has a reason: " + outcome);
        if (attempts < 1) throw new IllegalArgumentException("an operation is sent at least once, was " + attempts);
    }

    public static Completion ok(int opId, long atMicros, List<String> values, VersionVector context) {
        return new Completion(opId, Outcome.OK, atMicros, values, context, null, null, 0, 1);
    }

    /** The node answered with an error; Timeout is indeterminate, every other kind means nothing was applied. */
    public static Completion error(int opId, long atMicros, ErrorKind kind, String message) {
        Outcome outcome = kind == ErrorKind.TIMEOUT ? Outcome.INDETERMINATE : Outcome.FAIL;
        return new Completion(opId, outcome, atMicros, List.of(), VersionVector.empty(), kind, kind.displayName() + " " + message, 0, 1);
    }

    /** The request never reached a node (connection refused): definitely not applied. */
    public static Completion refused(int opId, long atMicros, String reason) {
        return new Completion(opId, Outcome.FAIL, atMicros, List.of(), VersionVector.empty(), null, reason, 0, 1);
    }

    /** No answer in time, or an answer the client could not use: may or may not have been applied. */
    public static Completion indeterminate(int opId, long atMicros, String reason) {
        return new Completion(opId, Outcome.INDETERMINATE, atMicros, List.of(), VersionVector.empty(), null, reason, 0, 1);
    }

    /** An ok counter read. */
    public static Completion counterRead(int opId, long atMicros, long value) {
        return new Completion(opId, Outcome.OK, atMicros, List.of(), VersionVector.empty(), null, null, value, 1);
    }

    /** An ok set read: the elements present. */
    public static Completion setRead(int opId, long atMicros, List<String> elements) {
        return new Completion(opId, Outcome.OK, atMicros, elements, VersionVector.empty(), null, null, 0, 1);
    }

    /**
     * How a CRDT update ended after {@code attempts} attempts under one operation id: ok if one
     * was acknowledged; indeterminate if any attempt may have been applied (it timed out, or got no
     * answer), even when the last was refused; else failed (every attempt was refused unapplied).
     */
    public static Completion afterAttempts(int opId, long atMicros, Outcome outcome, int attempts, ErrorKind lastKind, String reason) {
        return new Completion(opId, outcome, atMicros, List.of(), VersionVector.empty(), outcome == Outcome.OK ? null : lastKind,
                outcome == Outcome.OK ? null : reason, 0, attempts);
    }
}
