package io.chorus.simulation.workload;

import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.env.RandomSource;
import io.chorus.simulation.world.Draw;

import java.util.Locale;

/**
 * What the CRDT clients do, beside the plain clients: increments of counters {@code cnt0..} and adds
 * and removes of elements {@code x0..} in add-wins sets {@code set0..}, and reads of both. Updates
 * that time out or are refused are retried under the same operation id, as the real client's
 * {@code IdempotentUpdate} does with its {@code RetryPolicy}.
 *
 * <p>Replicas remember the {@link AppliedOps#CAPACITY} largest operation ids per key, so a retry is
 * recognised only while fewer newer operations reached the key since its first attempt (the
 * client's documented bound). The mix keeps well inside it: the attempts of one update span at most
 * {@link #retrySpanMaxMicros()}, and in that span all CRDT clients together issue on average at most
 * half the capacity, even if they all picked the same key. A run that broke the bound would report a
 * double-applied retry the design allows, not a bug.
 *
 * @param clients             how many CRDT clients run (0: none in this run)
 * @param counterKeys         counters {@code cnt0..cnt<counterKeys-1>}
 * @param setKeys             sets {@code set0..}
 * @param setElements         elements per set, {@code x0..}: few, so that adds and removes of one element meet
 * @param counterAddWeight    relative frequency of increments (each by 1..{@link #AMOUNT_MAX})
 * @param counterReadWeight   of counter reads
 * @param setAddWeight        of set adds
 * @param setRemoveWeight     of set removes
 * @param setReadWeight       of set reads
 * @param reads               consistency levels of reads
 * @param writes              consistency levels of updates
 * @param thinkMeanMicros     mean pause between a completion and the next invocation
 * @param clientTimeoutMicros an attempt with no answer after this long is given up (it may have applied)
 * @param attemptsMax         attempts per update, the first included
 * @param backoffFirstMicros  wait before the second attempt, before jitter
 * @param backoffMaxMicros    the longest wait between attempts
 * @param newIdPerAttempt     test only: every retry gets a fresh operation id, which breaks the
 *                            at-most-once promise on purpose so that a test can prove the checkers see it
 */
public record CrdtMix(int clients, int counterKeys, int setKeys, int setElements, int counterAddWeight, int counterReadWeight,
                      int setAddWeight, int setRemoveWeight, int setReadWeight, LevelMix reads, LevelMix writes,
                      long thinkMeanMicros, long clientTimeoutMicros, int attemptsMax, long backoffFirstMicros,
                      long backoffMaxMicros, boolean newIdPerAttempt) {
    /** Increments add 1..AMOUNT_MAX: varied, so that a double-applied one rarely hides as a subset of others. */
    public static final int AMOUNT_MAX = 1_000;
    /** The shortest mean pause between a client's operations. */
    static final long THINK_MIN_MICROS = 100_000;
    /** Clients number themselves into the operation ids' low bits (see {@link CrdtClient}). */
    public static final int CLIENTS_MAX = 3;
    public static final CrdtMix OFF = new CrdtMix(0, 1, 1, 1, 1, 1, 1, 1, 1, new LevelMix(0, 0, 1, 0), new LevelMix(0, 0, 1, 0),
            1_000_000, 1_000_000, 1, 0, 0, false);

    public CrdtMix {
        if (clients < 0 || clients > CLIENTS_MAX) throw new IllegalArgumentException("CRDT clients must be 0.." + CLIENTS_MAX + ", was " + clients);
        if (counterKeys < 1 || setKeys < 1 || setElements < 1) throw new IllegalArgumentException("need a counter, a set and an element");
        if (counterAddWeight < 0 || counterReadWeight < 0 || setAddWeight < 0 || setRemoveWeight < 0 || setReadWeight < 0
                || counterAddWeight + counterReadWeight + setAddWeight + setRemoveWeight + setReadWeight == 0) {
            throw new IllegalArgumentException("op weights must be non-negative with one positive");
        }
        if (attemptsMax < 1 || backoffFirstMicros < 0 || backoffMaxMicros < backoffFirstMicros) {
            throw new IllegalArgumentException("bad retry policy: " + attemptsMax + " attempts, backoff " + backoffFirstMicros + ".." + backoffMaxMicros);
        }
        // The replicas' memory of applied ids must outlast every update's retries, with room to spare.
        if (clients * retrySpanMaxMicros(attemptsMax, clientTimeoutMicros, backoffMaxMicros) / thinkMeanMicros > AppliedOps.CAPACITY / 2) {
            throw new IllegalArgumentException("CRDT clients too busy for the replicas' memory of " + AppliedOps.CAPACITY
                    + " operation ids per key: " + clients + " clients, think " + thinkMeanMicros / 1000 + "ms, retries over "
                    + retrySpanMaxMicros(attemptsMax, clientTimeoutMicros, backoffMaxMicros) / 1000 + "ms");
        }
    }

    /**
     * Whether CRDT clients run in a run, and how: drawn from a stream of their own (so the draws
     * before them stay as they were). About 60% of runs have them.
     */
    public static CrdtMix draw(RandomSource r, long clientTimeoutMicros) {
        return r.chance(0.6) ? drawOn(r, clientTimeoutMicros) : OFF;
    }

    /** A mix with CRDT clients (tests use it to switch them on in a run that drew none). */
    public static CrdtMix drawOn(RandomSource r, long clientTimeoutMicros) {
        int clients = Draw.intBetween(r, 1, CLIENTS_MAX);
        int counterKeys = Draw.intBetween(r, 1, 3), setKeys = Draw.intBetween(r, 1, 3), elements = Draw.intBetween(r, 2, 12);
        int types = Draw.weighted(r, 70, 15, 15); // both, counters only, sets only
        boolean counters = types != 2, sets = types != 1;
        int counterAdd = counters ? Draw.intBetween(r, 1, 4) : 0, counterRead = counters ? Draw.intBetween(r, 1, 3) : 0;
        int setAdd = sets ? Draw.intBetween(r, 1, 4) : 0, setRemove = sets ? Draw.intBetween(r, 0, 3) : 0, setRead = sets ? Draw.intBetween(r, 1, 3) : 0;
        LevelMix reads = LevelMix.draw(r), writes = LevelMix.draw(r);
        int attemptsMax = Draw.intBetween(r, 2, 4);
        long backoffMax = Draw.intBetween(r, 200, 1_000) * 1000L;
        // As busy as the replicas' memory of operation ids allows (see the class comment), up to three times calmer.
        long thinkMin = Math.max(THINK_MIN_MICROS, 2L * clients * retrySpanMaxMicros(attemptsMax, clientTimeoutMicros, backoffMax) / AppliedOps.CAPACITY + 1);
        long think = (long) Draw.between(r, thinkMin, 3.0 * thinkMin);
        return new CrdtMix(clients, counterKeys, setKeys, elements, counterAdd, counterRead, setAdd, setRemove, setRead, reads, writes,
                think, clientTimeoutMicros, attemptsMax, 50_000, backoffMax, false);
    }

    public boolean on() {
        return clients > 0;
    }

    /** The same mix with the test-only broken retries: a fresh operation id per attempt. */
    public CrdtMix withNewIdPerAttempt() {
        return new CrdtMix(clients, counterKeys, setKeys, setElements, counterAddWeight, counterReadWeight, setAddWeight, setRemoveWeight,
                setReadWeight, reads, writes, thinkMeanMicros, clientTimeoutMicros, attemptsMax, backoffFirstMicros, backoffMaxMicros, true);
    }

    /** The wait before attempt {@code failedAttempt + 1}; {@code jitter} in [0, 1) picks within [half, full] (as RetryPolicy). */
    public long backoffMicros(int failedAttempt, double jitter) {
        long full = backoffFirstMicros;
        for (int doubling = 1; doubling < failedAttempt && full < backoffMaxMicros; doubling++) full *= 2;
        full = Math.min(full, backoffMaxMicros);
        return Math.round(full * (0.5 + jitter / 2));
    }

    /** The longest an update's attempts can span: every attempt unanswered, every backoff at its largest. */
    public long retrySpanMaxMicros() {
        return retrySpanMaxMicros(attemptsMax, clientTimeoutMicros, backoffMaxMicros);
    }

    private static long retrySpanMaxMicros(int attemptsMax, long clientTimeoutMicros, long backoffMaxMicros) {
        return attemptsMax * clientTimeoutMicros + (attemptsMax - 1) * backoffMaxMicros;
    }

    @Override
    public String toString() {
        if (!on()) return "off";
        return String.format(Locale.ROOT, "%d clients, counters %d, sets %d of %d elements, add:read %d:%d, set add:remove:read %d:%d:%d, "
                        + "think %dms, %d attempts (backoff %d..%dms)%s; reads %s; updates %s",
                clients, counterKeys, setKeys, setElements, counterAddWeight, counterReadWeight, setAddWeight, setRemoveWeight, setReadWeight,
                thinkMeanMicros / 1000, attemptsMax, backoffFirstMicros / 1000, backoffMaxMicros / 1000,
                newIdPerAttempt ? ", NEW OPERATION ID PER ATTEMPT (test only)" : "", reads, writes);
    }
}
