package io.chorus.node.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The Disruptor ring and its single handler thread. Multi-producer (every Netty thread and the tick
 * scheduler publish), bounded, with a blocking wait strategy: on a 2-core machine a busy-spinning
 * handler would steal a core from Netty.
 */
public final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final String nodeName;
    private final Disruptor<InboundEvent> disruptor;
    private final Inbound inbound;
    private final AtomicReference<Thread> handlerThread = new AtomicReference<>();

    private Pipeline(String nodeName, int ringSize, NodeHandler handler) {
        this.nodeName = nodeName;
        this.disruptor = new Disruptor<>(InboundEvent::new, ringSize, runnable -> {
            Thread thread = new Thread(runnable, "chorus-handler-" + nodeName);
            if (!handlerThread.compareAndSet(null, thread)) throw new IllegalStateException("one handler thread per pipeline");
            return thread;
        }, ProducerType.MULTI, new BlockingWaitStrategy());
        disruptor.handleEventsWith(handler);
        disruptor.setDefaultExceptionHandler(new LoggingExceptionHandler(nodeName));
        this.inbound = new Inbound(disruptor.getRingBuffer());
    }

    /** Starts the handler thread; {@code ringSize} must be a power of two. */
    public static Pipeline start(String nodeName, int ringSize, NodeHandler handler) {
        Pipeline pipeline = new Pipeline(nodeName, ringSize, handler);
        pipeline.disruptor.start();
        return pipeline;
    }

    public Inbound inbound() {
        return inbound;
    }

    /**
     * Refuses new events, lets the handler finish every event already in the ring, then stops the
     * handler thread. Returns false if that took longer than {@code timeout} (the handler may then
     * still be running, and its state must not be closed under it).
     */
    public boolean drainAndStop(Duration timeout) {
        return drainAndStop(timeout, () -> true);
    }

    /**
     * As {@link #drainAndStop(Duration)}, but the handler stops only once the ring is empty and
     * {@code quiescent} holds at the same time: nothing waits for an fsync any more (the writer's
     * reports arrive through the ring, and what they release may need the handler).
     */
    public boolean drainAndStop(Duration timeout, BooleanSupplier quiescent) {
        inbound.stopAccepting();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(inbound.occupancy() == 0 && quiescent.getAsBoolean())) {
            if (System.nanoTime() > deadline) {
                log.error("{}: the handler still had work waiting for the write-ahead log after {} ms", nodeName, timeout.toMillis());
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a stop path: polling at 1 ms costs nothing
        }
        try {
            disruptor.shutdown(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error("{}: the handler did not drain {} events within {} ms", nodeName, inbound.occupancy(), timeout.toMillis());
            disruptor.halt();
            return false;
        }
        Thread thread = handlerThread.get();
        if (thread == null) return true;
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Logs and carries on: the default handler of the Disruptor would stop the handler thread. */
    private record LoggingExceptionHandler(String nodeName) implements ExceptionHandler<InboundEvent> {
        @Override
        public void handleEventException(Throwable e, long sequence, InboundEvent event) {
            log.error("{}: the handler failed on {}", nodeName, event, e);
        }

        @Override
        public void handleOnStartException(Throwable e) {
            log.error("{}: the handler failed to start", nodeName, e);
        }

        @Override
        public void handleOnShutdownException(Throwable e) {
            log.error("{}: the handler failed while stopping", nodeName, e);
        }
    }
}
