package io.chorus.bench.run;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.Context;
import io.chorus.client.ReadOptions;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteOptions;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Consistency;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The keys of the convergence check ({@code chorus bench handoff}): {@code prefix0 ..
 * prefix(keys-1)}, each written once with the value {@code v-<key>}, the first {@code deletes}
 * of them then deleted over what their write stored. {@link #write} does that through the
 * cluster; {@link #verify} reads them back from one node's own replica alone (a local read at
 * ONE: nothing else answers and nothing is repaired by the reading) until that node shows every
 * value that was not deleted and none that was, of the keys it is a replica of (every key when the
 * cluster has N nodes or fewer), and says how long that took.
 *
 * @param inFlightMax requests outstanding at once
 */
public record HandoffKeys(String prefix, int keys, int deletes, int inFlightMax) {
    public HandoffKeys {
        if (keys < 1 || deletes < 0 || deletes > keys) throw new IllegalArgumentException("--deletes " + deletes + " must be 0.." + keys + " (--keys)");
        if (inFlightMax < 1) throw new IllegalArgumentException("--in-flight must be at least 1");
    }

    String key(int i) {
        return prefix + i;
    }

    byte[] value(int i) {
        return ("v-" + key(i)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes every key, then deletes the first {@code deletes}; returns the first failure's message,
     * or null. A write refused with nothing applied (Unavailable, Overloaded: a busy machine's
     * failure detector may suspect a live peer for a moment) is sent again, up to
     * {@link #REFUSED_ROUNDS_MAX} rounds; any other failure ends the phase.
     */
    public String write(ChorusClient client, Consistency level, WriteOptions options, PrintStream out) throws InterruptedException {
        Context[] written = new Context[deletes];
        long start = System.nanoTime();
        String failure = eachUntilApplied(keys, i -> client.putAsync(key(i), value(i), Context.NONE, level, options).thenAccept(ack -> {
            if (i < deletes) written[i] = ack.context();
        }));
        out.printf("wrote %d keys at %s in %.1f s%n", keys, level, seconds(start));
        if (failure != null) return failure;
        start = System.nanoTime();
        failure = eachUntilApplied(deletes, i -> client.deleteAsync(key(i), written[i], level, options).thenAccept(ack -> { }));
        out.printf("deleted %d of them at %s in %.1f s%n", deletes, level, seconds(start));
        return failure;
    }

    /** Rounds of sending the writes that were refused with nothing applied. */
    static final int REFUSED_ROUNDS_MAX = 5;

    private String eachUntilApplied(int count, IntFunction<CompletionStage<?>> call) throws InterruptedException {
        List<Integer> todo = new ArrayList<>(count);
        for (int i = 0; i < count; i++) todo.add(i);
        for (int round = 1; ; round++) {
            Pass pass = new Pass();
            List<Integer> sent = todo;
            each(sent.size(), n -> call.apply(sent.get(n)).whenComplete((ignored, error) -> {
                if (error == null) return;
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                boolean refused = cause instanceof ChorusException e && (e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.OVERLOADED);
                if (refused) pass.failed.add(sent.get(n)); else pass.firstError.compareAndSet(null, key(sent.get(n)) + ": " + cause.getMessage());
            }).handle((ignored, error) -> null));
            if (pass.firstError.get() != null) return pass.firstError.get();
            if (pass.failed.isEmpty()) return null;
            if (round == REFUSED_ROUNDS_MAX) return pass.failed.size() + " writes still refused after " + round + " rounds";
            todo = new ArrayList<>(pass.failed);
            todo.sort(null);
            Thread.sleep(1000);
        }
    }

    /**
     * Reads the keys still wrong on {@code node}, pass after pass, until none is or
     * {@code deadlineNanos}; then reads every key once more. Returns the seconds from
     * {@code sinceNanos} until the pass that found all of them right, or -1 if the deadline came first.
     */
    public double verify(ChorusClient client, InetSocketAddress node, long sinceNanos, long deadlineNanos, PrintStream out)
            throws InterruptedException {
        ReadOptions local = ReadOptions.DEFAULT.withHedge(false).withLocalReplica(node);
        List<Integer> held = new ArrayList<>(keys); // the keys the node is a replica of (all of them when nodes <= N)
        for (int i = 0; i < keys; i++) {
            if (client.replicas(key(i)).contains(node)) held.add(i);
        }
        long heldValues = held.stream().filter(i -> i >= deletes).count();
        out.printf("  %s is a replica of %d of the keys: %d values, %d deleted%n", text(node), held.size(), heldValues,
                held.size() - heldValues);
        List<Integer> wrong = held;
        while (true) {
            Pass pass = new Pass();
            List<Integer> stillWrong = wrongOf(client, local, wrong, pass);
            double elapsed = (System.nanoTime() - sinceNanos) / 1e9;
            long valuesMissing = stillWrong.stream().filter(i -> i >= deletes).count(); // failed reads included
            long deletedShown = stillWrong.stream().filter(i -> i < deletes && !pass.failed.contains(i)).count();
            out.printf("  %6.1f s: %d of %d values visible on %s, %d of %d deleted keys still shown (%d keys read in %.1f s%s)%n",
                    elapsed, heldValues - valuesMissing, heldValues, text(node), deletedShown, held.size() - heldValues, wrong.size(),
                    (System.nanoTime() - pass.startNanos) / 1e9,
                    pass.failed.isEmpty() ? "" : "; " + pass.failed.size() + " reads failed, first: " + pass.firstError.get());
            wrong = stillWrong;
            if (wrong.isEmpty()) {
                List<Integer> recheck = wrongOf(client, local, held, new Pass());
                if (recheck.isEmpty()) return elapsed;
                out.printf("  a full pass found %d keys wrong again; going on%n", recheck.size());
                wrong = recheck;
            }
            if (System.nanoTime() > deadlineNanos) return -1;
            Thread.sleep(200);
        }
    }

    /** The keys of {@code indexes} that {@code node}'s replica does not show as they should be (a failed read counts as wrong). */
    private List<Integer> wrongOf(ChorusClient client, ReadOptions local, List<Integer> indexes, Pass pass) throws InterruptedException {
        ConcurrentLinkedQueue<Integer> wrong = new ConcurrentLinkedQueue<>();
        each(indexes.size(), n -> {
            int i = indexes.get(n);
            return client.getAsync(key(i).getBytes(StandardCharsets.UTF_8), Consistency.ONE, local).handle((read, error) -> {
                if (error != null) {
                    pass.failed.add(i);
                    pass.firstError.compareAndSet(null, error.getMessage());
                }
                if (error != null || !shows(i, read)) wrong.add(i);
                return null;
            });
        });
        List<Integer> sorted = new ArrayList<>(wrong);
        sorted.sort(null);
        return sorted;
    }

    /** One pass over the keys still wrong: the reads that failed (they count as wrong) and the first failure. */
    private static final class Pass {
        final long startNanos = System.nanoTime();
        final java.util.Set<Integer> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicReference<String> firstError = new AtomicReference<>();
    }

    private boolean shows(int i, ReadResult read) {
        if (i < deletes) return !read.found();
        return read.values().size() == 1 && java.util.Arrays.equals(read.values().get(0), value(i));
    }

    /** Runs {@code call(0..count-1)}, at most {@code inFlightMax} at once; the first failure's message, or null. */
    private String each(int count, IntFunction<CompletionStage<?>> call) throws InterruptedException {
        Semaphore room = new Semaphore(inFlightMax);
        AtomicReference<String> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            room.acquire();
            int index = i;
            call.apply(i).whenComplete((ignored, error) -> {
                if (error != null) failure.compareAndSet(null, key(index) + ": " + error.getMessage());
                room.release();
            });
        }
        room.acquire(inFlightMax); // every call answered
        return failure.get();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String text(InetSocketAddress node) {
        return node.getHostString() + ":" + node.getPort();
    }
}
