package io.chorus.torture.workload;

import io.chorus.client.ChorusException;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.Completion;
import io.chorus.simulation.history.CrdtCall;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;

import java.util.List;
import java.util.function.LongFunction;

/**
 * The History of a real run, shared by the client threads. Time is microseconds of the harness's
 * monotonic clock since the run began, taken under the lock, so op ids, invocation order and time
 * order agree, and a completion is never before its invocation. The coordinator of an invocation is
 * unknown (null) unless the worker named one: otherwise the client picks a replica of the key itself.
 */
public final class Recorder {
    private final History history = new History();
    private final long startNanos = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicLong operationIds = new java.util.concurrent.atomic.AtomicLong();

    /** Microseconds since the run began. */
    public long nowMicros() {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    /**
     * A unique id for a CRDT update in the history. The client draws the operation id it sends
     * itself; the checkers use this one only to tell updates apart.
     */
    public long nextOperationId() {
        return operationIds.incrementAndGet();
    }

    public int invoke(int client, OpType type, Key key, String value, VersionVector context, Consistency level, CrdtCall crdt) {
        return invoke(client, type, key, value, context, level, crdt, null);
    }

    /** @param coordinator the node the request was sent through, or null when the client chose */
    public synchronized int invoke(int client, OpType type, Key key, String value, VersionVector context, Consistency level, CrdtCall crdt,
                                   NodeId coordinator) {
        int id = history.nextOpId();
        history.invoke(new Invocation(id, client, type, key, value, context, level, coordinator, nowMicros(), crdt));
        return id;
    }

    /** Completes op {@code id} with what {@code completion} builds from the completion time. */
    public synchronized void complete(LongFunction<Completion> completion) {
        history.complete(completion.apply(nowMicros()));
    }

    /** A plain op's failure: the node's error (Timeout is indeterminate), or a failure of the client's own. */
    public void fail(int id, RuntimeException e) {
        if (e instanceof ChorusException failed) {
            complete(at -> Completion.error(id, at, failed.kind(), failed.detail()));
        } else {
            complete(at -> Completion.indeterminate(id, at, "client failed: " + e));
        }
    }

    /** A CRDT update's failure: the client has retried it under one operation id and reports the upshot. */
    public void failUpdate(int id, RuntimeException e) {
        if (e instanceof ChorusException failed) {
            Outcome outcome = failed.mayHaveBeenApplied() ? Outcome.INDETERMINATE : Outcome.FAIL;
            complete(at -> Completion.afterAttempts(id, at, outcome, 1, failed.kind(), failed.getMessage()));
        } else {
            complete(at -> Completion.afterAttempts(id, at, Outcome.INDETERMINATE, 1, null, "client failed: " + e));
        }
    }

    public synchronized void markHealed() {
        history.markHealed(nowMicros());
    }

    /** The history so far; read it only once every client thread has stopped. */
    public synchronized History history() {
        return history;
    }

    static List<String> utf8(List<byte[]> values) {
        return values.stream().map(v -> new String(v, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
