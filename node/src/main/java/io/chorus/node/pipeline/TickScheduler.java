package io.chorus.node.pipeline;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a tick into the ring every {@code tickMillis}: the replica's only sense of time. A tick
 * that finds the ring full is dropped; the next one comes soon, and a late timeout is harmless.
 */
public final class TickScheduler implements AutoCloseable {
    private final ScheduledExecutorService executor;

    private TickScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static TickScheduler start(String nodeName, int tickMillis, Inbound inbound) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chorus-tick-" + nodeName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(inbound::tryTick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        return new TickScheduler(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
