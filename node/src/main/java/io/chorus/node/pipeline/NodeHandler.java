package io.chorus.node.pipeline;

import com.lmax.disruptor.EventHandler;
import io.chorus.node.logging.RequestIds;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one thread that owns a node's state: it feeds each event to the state machine (the replica,
 * which owns the storage) and, at the end of every batch, hands the batch's durable writes to the
 * write-ahead log writer ({@link DurableWrites}) and flushes the outbox. It never waits for an
 * fsync: the writer's report comes back as an event, and releases what waited for it. Nothing else ever calls
 * the state machine, so the core needs no locks.
 *
 * <p>A state machine that throws is a bug, not bad input (the core validates input and answers
 * InvalidRequest): the handler logs it with the event, makes sure a client request still gets its
 * one reply, and carries on with the next event instead of taking the node down.
 */
public final class NodeHandler implements EventHandler<InboundEvent> {
    private static final Logger log = LoggerFactory.getLogger(NodeHandler.class);

    private final String nodeName;
    private final StateMachine machine;
    private final BatchingOutbox outbox;
    private final PipelineObserver observer;
    private final DurableWrites<Runnable> durable;
    private volatile long failures; // written by the handler thread only, read by metrics
    private volatile long refusedUnread; // the same

    /** A handler whose machine makes no durable writes (tests of the shell). */
    public NodeHandler(String nodeName, StateMachine machine, BatchingOutbox outbox, PipelineObserver observer) {
        this(nodeName, machine, outbox, observer, new DurableWrites<>(batch -> {
            throw new IllegalStateException("this handler has no write-ahead log");
        }));
    }

    /** {@code durable} hands this handler's durable writes to the write-ahead log writer, once per batch. */
    public NodeHandler(String nodeName, StateMachine machine, BatchingOutbox outbox, PipelineObserver observer, DurableWrites<Runnable> durable) {
        this.nodeName = nodeName;
        this.machine = machine;
        this.outbox = outbox;
        this.observer = observer;
        this.durable = durable;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        observer.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onEvent(InboundEvent event, long sequence, boolean endOfBatch) {
        long repliesBefore = outbox.replies();
        try {
            dispatch(event);
        } catch (RuntimeException | AssertionError e) {
            onStateMachineFailure(event, repliesBefore, e);
        } finally {
            event.clear();
        }
        if (endOfBatch) {
            try {
                durable.endOfBatch(Runnable::run); // hands this batch's durable writes to the writer thread
                // what that released may have written more (advancing steps acks to self): hand it over too
                while (durable.hasWrites()) durable.endOfBatch(Runnable::run);
            } catch (RuntimeException e) {
                failures = failures + 1;
                log.error("{}: could not hand durable writes to the write-ahead log writer", nodeName, e);
            }
            outbox.flush();
        }
    }

    private void dispatch(InboundEvent event) {
        switch (event.kind) {
            case CLIENT_REQUEST -> {
                observer.onClientRequest(event.client, event.requestId, event.request, event.publishedNanos);
                String refused = outbox.refusal(event.client);
                if (refused == null) {
                    machine.onClientRequest(event.client, event.requestId, event.request);
                } else { // not run: nothing built for a client that is gone or not reading (its queue bounds its replies)
                    refusedUnread = refusedUnread + 1;
                    outbox.reply(event.client, event.requestId, new Failure(ErrorKind.OVERLOADED, refused));
                }
            }
            case PEER_MESSAGE -> machine.onMessage(event.peer, event.message);
            case TICK -> machine.onTick();
            case PEER_UNREACHABLE -> machine.onPeerUnreachable(event.peer);
            case PERSISTED -> durable.persisted(event.persistedBatch, Runnable::run);
        }
    }

    private void onStateMachineFailure(InboundEvent event, long repliesBefore, Throwable e) {
        failures = failures + 1;
        LoggingEventBuilder line = log.atError();
        if (event.kind == InboundEvent.Kind.CLIENT_REQUEST) line = RequestIds.on(line, event.client.id(), event.requestId);
        line.setCause(e).log("{}: the replica failed on {} (a bug; the node carries on)", nodeName, event);
        if (event.kind == InboundEvent.Kind.CLIENT_REQUEST && outbox.replies() == repliesBefore) {
            // No error kind means "internal error"; Timeout is the one whose contract fits: the
            // outcome is indeterminate (part of a write may have happened) and a retry is allowed.
            outbox.reply(event.client, event.requestId, new Failure(ErrorKind.TIMEOUT,
                    "internal error on " + nodeName + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); the request may or may not have been applied; see the node's log"));
        }
    }

    /** Client requests answered Overloaded without running: their connection was closed or had too many replies unread; any thread. */
    public long refusedUnread() {
        return refusedUnread;
    }

    /** State machine failures so far (each one logged); any thread. */
    public long failures() {
        return failures;
    }
}
