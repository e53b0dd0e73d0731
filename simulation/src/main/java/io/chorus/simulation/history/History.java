package io.chorus.simulation.history;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

/**
 * Everything a run recorded for the checkers: operations in invocation order, the phase marks, the
 * dots each written value was minted with (observed in storage by the simulator: the client cannot
 * see dots, but causality judgements need them), and anomalies the simulator itself noticed (a
 * replica that threw, a reply to a request never sent). Built by one thread; read after the run.
 */
public final class History {
    /** Time marks are {@link #UNSET} until the run reaches them. */
    public static final long UNSET = -1;

    private final List<Invocation> invocations = new ArrayList<>();
    private final List<Completion> completions = new ArrayList<>();
    private final HashMap<String, List<Dot>> mintedDots = new HashMap<>(); // looked up only: order never leaks
    private final List<String> anomalies = new ArrayList<>();
    private long healedMicros = UNSET;
    private long livenessFromMicros = UNSET;
    private long livenessUntilMicros = UNSET;
    private long convergedMicros = UNSET;
    private long convergenceDeadlineMicros = UNSET;
    private long settledMicros = UNSET;
    private long settleDeadlineMicros = UNSET;

    /** Records an invocation; its opId must be the next one (ops are numbered from 0 in order). */
    public void invoke(Invocation invocation) {
        if (invocation.opId() != invocations.size()) {
            throw new IllegalArgumentException("op ids must be dense and in order: expected " + invocations.size() + ", got " + invocation.opId());
        }
        invocations.add(invocation);
        completions.add(null);
    }

    public int nextOpId() {
        return invocations.size();
    }

    /** Records a completion; each op completes at most once, never before it started. */
    public void complete(Completion completion) {
        int id = completion.opId();
        if (id < 0 || id >= invocations.size()) throw new IllegalArgumentException("completion of unknown op #" + id);
        if (completions.get(id) != null) throw new IllegalStateException("op #" + id + " completed twice");
        if (completion.atMicros() < invocations.get(id).atMicros()) throw new IllegalArgumentException("op #" + id + " completed before it started");
        completions.set(id, completion);
    }

    public List<Op> ops() {
        List<Op> ops = new ArrayList<>(invocations.size());
        for (int i = 0; i < invocations.size(); i++) ops.add(new Op(invocations.get(i), completions.get(i)));
        return ops;
    }

    /** The simulator saw {@code value} stored under {@code dot}. Normally one dot per value (values are unique). */
    public void minted(String value, Dot dot) {
        List<Dot> dots = mintedDots.computeIfAbsent(value, v -> new ArrayList<>(1));
        if (!dots.contains(dot)) dots.add(dot);
    }

    /** The dots {@code value} was stored under anywhere during the run; empty if it never reached storage. */
    public List<Dot> dotsOf(String value) {
        List<Dot> dots = mintedDots.get(value);
        return dots == null ? List.of() : Collections.unmodifiableList(dots);
    }

    public void anomaly(String description) {
        anomalies.add(description);
    }

    public List<String> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    public void markHealed(long micros) {
        healedMicros = micros;
    }

    /** Ops invoked in [from, until) ran on a healed, settled cluster and must succeed. */
    public void markLivenessWindow(long fromMicros, long untilMicros) {
        livenessFromMicros = fromMicros;
        livenessUntilMicros = untilMicros;
    }

    public void markConvergenceDeadline(long micros) {
        convergenceDeadlineMicros = micros;
    }

    /** The replicas converged after heal with no client traffic (anti-entropy alone). */
    public void markConverged(long micros) {
        convergedMicros = micros;
    }

    /** After the liveness window, the replicas must agree again by this time. */
    public void markSettleDeadline(long micros) {
        settleDeadlineMicros = micros;
    }

    public void markSettled(long micros) {
        settledMicros = micros;
    }

    public long settledMicros() {
        return settledMicros;
    }

    public long settleDeadlineMicros() {
        return settleDeadlineMicros;
    }

    public long healedMicros() {
        return healedMicros;
    }

    public long livenessFromMicros() {
        return livenessFromMicros;
    }

    public long livenessUntilMicros() {
        return livenessUntilMicros;
    }

    public long convergedMicros() {
        return convergedMicros;
    }

    public long convergenceDeadlineMicros() {
        return convergenceDeadlineMicros;
    }
}
