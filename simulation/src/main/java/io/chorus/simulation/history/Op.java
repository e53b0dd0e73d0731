package io.chorus.simulation.history;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;

import java.util.List;

/** One operation: its invocation and, once known, its completion (an op never completed is indeterminate). */
public record Op(Invocation invocation, Completion completion) {
    public int id() {
        return invocation.opId();
    }

    public OpType type() {
        return invocation.type();
    }

    public Key key() {
        return invocation.key();
    }

    public Outcome outcome() {
        return completion == null ? Outcome.INDETERMINATE : completion.outcome();
    }

    public boolean isOk() {
        return outcome() == Outcome.OK;
    }

    /** Whether the write may have taken effect: anything but a definite failure. */
    public boolean mayHaveApplied() {
        return outcome() != Outcome.FAIL;
    }

    public long invokedMicros() {
        return invocation.atMicros();
    }

    /** Completion time; {@link Long#MAX_VALUE} if never completed. */
    public long completedMicros() {
        return completion == null ? Long.MAX_VALUE : completion.atMicros();
    }

    public List<String> valuesRead() {
        return completion == null ? List.of() : completion.values();
    }

    public VersionVector returnedContext() {
        return completion == null ? VersionVector.empty() : completion.context();
    }

    /** For a CRDT update: the increment or element and the operation id; else null. */
    public CrdtCall crdt() {
        return invocation.crdt();
    }

    /** For an ok counter read: the value it returned. */
    public long counterRead() {
        return completion == null ? 0 : completion.counterValue();
    }

    /** A short description for checker explanations. */
    public String describe() {
        StringBuilder b = new StringBuilder("op #").append(id()).append(" c").append(invocation.client()).append(' ')
                .append(type()).append(' ').append(key());
        if (invocation.value() != null) b.append(" value ").append(invocation.value());
        if (invocation.crdt() != null) b.append(' ').append(invocation.crdt());
        if (!invocation.context().isEmpty()) b.append(" ctx ").append(invocation.context());
        b.append(" at ").append(invocation.level()).append(" via ").append(invocation.coordinator())
                .append(", invoked ").append(Micros.format(invokedMicros()));
        if (completion == null) return b.append(", never completed").toString();
        b.append(", ").append(outcome()).append(' ').append(Micros.format(completedMicros()));
        if (type().readsValues() && isOk()) b.append(" read ").append(valuesRead()).append(" ctx ").append(returnedContext());
        if (type() == OpType.SET_READ && isOk()) b.append(" read ").append(valuesRead());
        if (type() == OpType.COUNTER_READ && isOk()) b.append(" read ").append(counterRead());
        if (completion.attempts() > 1) b.append(" after ").append(completion.attempts()).append(" attempts");
        if (completion.error() != null) b.append(" (").append(completion.error()).append(')');
        return b.toString();
    }
}
