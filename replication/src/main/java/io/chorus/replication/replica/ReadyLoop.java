package io.chorus.replication.replica;

import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.Storage;

/**
 * The simplest shell loop, for shells that store synchronously: the simulator and tests. Each Ready's
 * writes go to {@code persister} (which syncs the durable ones), its messages to {@code outbox}, then
 * it is advanced, until the core has nothing more to say. The production node does
 * the same, except that a Ready that must sync waits for its group commit off the handler thread.
 */
public final class ReadyLoop {
    /** Stores one write (and makes it durable first when it says so). */
    @FunctionalInterface
    public interface Persister {
        void persist(StorageWrite write);
    }

    private ReadyLoop() {
    }

    /** Drains the replica's outputs; returns how many Readies it handled. */
    public static int drain(Replica replica, Persister persister, Outbox outbox) {
        int readies = 0;
        while (replica.hasReady()) {
            Ready ready = replica.ready();
            readies++;
            for (StorageWrite write : ready.persist()) persister.persist(write);
            for (Outgoing out : ready.sendNow()) out.deliver(outbox);
            for (Outgoing out : ready.afterPersist()) out.deliver(outbox);
            replica.advance(ready);
        }
        return readies;
    }

    /** One input, then everything it produced (tests). */
    public static void step(Replica replica, Input input, Storage storage, Outbox outbox) {
        replica.step(input);
        drain(replica, write -> storage.put(write.key(), write.state()), outbox);
    }
}
