package io.chorus.simulation.history;

import io.chorus.crdt.clock.Dot;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

/**
 * Everything a run recorded for the checkers: operations in invocation order, the phase marks, the
 * dots each written value was minted with (observed in storage by the simulator: the client cannot
 * see dots, but causality judgements need them), the dots each replica minted (a dot minted twice
 * names two versions), what power losses made replicas forget, and anomalies the simulator itself
 * noticed (a replica that threw, a reply to a request never sent). Built by one thread; read after
 * the run.
 */
public final class History {
    /** Time marks are {@link #UNSET} until the run reaches them. */
    public static final long UNSET = -1;

    /**
     * A power loss rolled {@code node}'s state of {@code key} back from {@code lost} (what it held,
     * unsynced) to {@code durable} (the last synced state; empty if none).
     */
    public record Rollback(NodeId node, long atMicros, Key key, KeyState durable, KeyState lost) {
    }

    /** Who minted a key's dot first. */
    private record Mint(NodeId node, long atMicros) {
    }

    /** Dots count per key: every key has its own version vector. */
    private record KeyDot(Key key, Dot dot) {
    }

    private final List<Invocation> invocations = new ArrayList<>();
    private final List<Completion> completions = new ArrayList<>();
    private final HashMap<String, List<Dot>> mintedDots = new HashMap<>(); // looked up only: order never leaks
    private final HashMap<KeyDot, Mint> mints = new HashMap<>(); // looked up only
    private final List<String> dotsMintedTwice = new ArrayList<>();
    private final List<Rollback> rollbacks = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();
    private final java.util.BitSet durableOps = new java.util.BitSet(); // writes the client asked to be durable
    private final HashMap<Integer, Integer> sessions = new HashMap<>(); // op id -> session; looked up only
    private final HashMap<Integer, Long> ttls = new HashMap<>(); // op id -> a TTL put's TTL; looked up only
    private final HashMap<NodeId, java.util.function.LongUnaryOperator> clocks = new HashMap<>(); // looked up only
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

    /** The write {@code opId} asked to be durable: acknowledged only once W replicas fsynced it. */
    public void markDurable(int opId) {
        durableOps.set(opId);
    }

    public boolean isDurable(int opId) {
        return durableOps.get(opId);
    }

    /** Op {@code opId} carried the token of session {@code session} (a number unique in the run). */
    public void markSession(int opId, int session) {
        sessions.put(opId, session);
    }

    /** The TTL put {@code opId} asked for {@code ttlMillis}. */
    public void markTtl(int opId, long ttlMillis) {
        ttls.put(opId, ttlMillis);
    }

    /** The TTL op {@code opId} asked for, or 0 if none. */
    public long ttlMillisOf(int opId) {
        return ttls.getOrDefault(opId, 0L);
    }

    /** {@code node}'s wall clock: virtual micros to the millis it reads then (checkers judge TTLs by it). */
    public void recordClock(NodeId node, java.util.function.LongUnaryOperator wallMillisAtMicros) {
        clocks.put(node, wallMillisAtMicros);
    }

    /** What {@code node}'s wall clock read at virtual time {@code micros}; null if its clock was not recorded. */
    public Long wallMillisAt(NodeId node, long micros) {
        var clock = clocks.get(node);
        return clock == null ? null : clock.applyAsLong(micros);
    }

    /** The nodes whose clocks were recorded. */
    public java.util.Set<NodeId> clockedNodes() {
        return new java.util.TreeSet<>(clocks.keySet());
    }

    /** The session whose token op {@code opId} carried, or -1 if none. */
    public int sessionOf(int opId) {
        return sessions.getOrDefault(opId, -1);
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

    /**
     * {@code node} minted {@code dot} on {@code key} (it appeared, new, in its storage under the actor
     * it mints as). A dot minted a second time on the key, by any node, is recorded as such: it
     * names two versions.
     */
    public void mintedBy(Key key, Dot dot, NodeId node, long micros) {
        Mint first = mints.putIfAbsent(new KeyDot(key, dot), new Mint(node, micros));
        if (first != null) {
            dotsMintedTwice.add(node + " minted " + key + " " + dot + " at " + Micros.format(micros) + " though " + first.node() + " had minted it at "
                    + Micros.format(first.atMicros()) + ": one dot now names two versions, which merges take for one event");
        }
    }

    /** Every dot minted a second time, described, in the order it happened. */
    public List<String> dotsMintedTwice() {
        return Collections.unmodifiableList(dotsMintedTwice);
    }

    public void rolledBack(Rollback rollback) {
        rollbacks.add(rollback);
    }

    /** What power losses made replicas forget, in time order; empty unless the run had them. */
    public List<Rollback> rollbacks() {
        return Collections.unmodifiableList(rollbacks);
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
