package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.replica.Input;
import io.chorus.replication.replica.Outgoing;
import io.chorus.replication.replica.Ready;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.replica.StorageWrite;
import io.chorus.replication.ring.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * The production state machine: each input is a step of the {@link Replica}, and each Ready it
 * produces is carried out on the handler thread, in order:
 * <ol>
 *   <li>its writes are put into storage at once (Chronicle Map, the page cache), and the durable
 *       ones are also added, encoded, to the handler batch's write-ahead log records
 *       ({@link DurableWrites});</li>
 *   <li>its {@code sendNow} messages go to the outbox;</li>
 *   <li>a Ready that need not sync is done: its {@code afterPersist} messages go out and it is
 *       advanced. One that must sync is held until the writer reports its batch fsynced (a
 *       PERSISTED event, later), and only then released and advanced; the handler meanwhile goes on
 *       with other events.</li>
 * </ol>
 * Advancing may produce new Readies (acks to this node's own coordinators), carried out the same way.
 * A write that storage refuses abandons its Ready: the acks it would have released are dropped,
 * so their coordinators time out (indeterminate, never a false ack).
 */
public final class ReplicaDriver implements StateMachine {
    private static final Logger log = LoggerFactory.getLogger(ReplicaDriver.class);

    private final Replica replica;
    private final Storage storage;
    private final Codec codec;
    private final Outbox outbox;
    private final DurableWrites<Runnable> durable;
    private final BooleanSupplier backlogged;

    /**
     * @param storage    the replica's storage, to put each write into
     * @param codec      the handler thread's codec of stored states (encodes the log's records)
     * @param durable    the handler's durable writes, handed to the log writer once per batch
     * @param backlogged whether the log writer is behind past its bound (then new durable client
     *                   writes are refused with Overloaded)
     */
    public ReplicaDriver(Replica replica, Storage storage, Codec codec, Outbox outbox, DurableWrites<Runnable> durable,
                         BooleanSupplier backlogged) {
        this.replica = replica;
        this.storage = storage;
        this.codec = codec;
        this.outbox = outbox;
        this.durable = durable;
        this.backlogged = backlogged;
    }

    /**
     * A durable write that arrives while the log writer is backlogged is refused at once: the disk
     * does not keep up, and queueing more would only grow memory and latency. Writes already taken
     * are never dropped; non-durable writes and reads go on (they do not wait for the disk), and so
     * do peers' replica writes (their coordinators admitted them; dropping them would only turn
     * into timeouts).
     */
    @Override
    public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
        if (isDurableWrite(request) && backlogged.getAsBoolean()) {
            outbox.reply(client, requestId, new Failure(ErrorKind.OVERLOADED,
                    "durable writes are refused for now: the write-ahead log's fsyncs are behind (wal.backlogBytesMax); retry later"));
            return;
        }
        step(new Input.Client(client, requestId, request));
    }

    static boolean isDurableWrite(ClientRequest request) {
        if (request instanceof Put put) return put.durable();
        if (request instanceof Delete delete) return delete.durable();
        if (request instanceof CrdtUpdate update) return update.durable();
        return false;
    }

    @Override
    public void onMessage(NodeId from, PeerMessage message) {
        step(new Input.FromPeer(from, message));
    }

    @Override
    public void onTick() {
        step(Input.Tick.INSTANCE);
    }

    @Override
    public void onPeerUnreachable(NodeId peer) {
        step(new Input.PeerUnreachable(peer));
    }

    private void step(Input input) {
        replica.step(input);
        drain();
    }

    /** Carries out every Ready the replica has, including those that advancing produces. */
    private void drain() {
        while (replica.hasReady()) {
            Ready ready = replica.ready();
            if (!persist(ready)) {
                for (Outgoing out : ready.sendNow()) out.deliver(outbox); // they claim nothing about the writes
                replica.abandon(ready);
                continue;
            }
            for (Outgoing out : ready.sendNow()) out.deliver(outbox);
            if (ready.mustSync()) {
                durable.hold(() -> {
                    release(ready);
                    drain();
                });
            } else {
                release(ready);
            }
        }
    }

    /** Puts the Ready's writes; false if storage refused one (then the Ready must be abandoned). */
    private boolean persist(Ready ready) {
        for (StorageWrite write : ready.persist()) {
            try {
                storage.put(write.key(), write.state());
            } catch (RuntimeException e) {
                log.error("cannot store key {} ({} of {}): its acknowledgements are dropped, the coordinators waiting for them time out",
                        write.key(), e.getClass().getSimpleName(), e.getMessage());
                return false;
            }
            if (write.durable()) durable.add(write.key(), codec.encodeSiblings(write.state()));
        }
        return true;
    }

    private void release(Ready ready) {
        for (Outgoing out : ready.afterPersist()) out.deliver(outbox);
        replica.advance(ready);
    }
}
