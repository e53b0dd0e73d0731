package io.chorus.replication.replica;

import io.chorus.replication.Invariants;
import io.chorus.replication.message.PeerMessage;

import java.util.List;

/**
 * What the core produced since the last {@link Replica#ready()}, in order (etcd raft's Ready). The
 * shell's loop, for every Ready:
 * <ol>
 *   <li>write {@link #persist()} to storage, before the next {@link Replica#step} (the core reads
 *       its own writes from storage from then on);</li>
 *   <li>send {@link #sendNow()} (these may even go before the writes);</li>
 *   <li>once the writes are stored, and fsynced when {@link #mustSync()}, send {@link #afterPersist()}
 *       and call {@link Replica#advance} with this Ready, exactly once.</li>
 * </ol>
 * Several Readies may wait for their fsync at once, and be advanced in any order.
 */
public final class Ready {
    private final long id;
    private final List<StorageWrite> persist;
    private final boolean mustSync;
    private final List<Outgoing> sendNow;
    private final List<Outgoing> afterPersist;
    private final List<PeerMessage> selfAfterPersist; // acks to this node's own coordinators
    private boolean advanced;

    Ready(long id, List<StorageWrite> persist, List<Outgoing> sendNow, List<Outgoing> afterPersist,
          List<PeerMessage> selfAfterPersist) {
        this.id = id;
        this.persist = List.copyOf(persist);
        this.mustSync = persist.stream().anyMatch(StorageWrite::durable);
        this.sendNow = List.copyOf(sendNow);
        this.afterPersist = List.copyOf(afterPersist);
        this.selfAfterPersist = List.copyOf(selfAfterPersist);
    }

    public long id() {
        return id;
    }

    public List<StorageWrite> persist() {
        return persist;
    }

    /** Some write is durable: fsync before releasing {@link #afterPersist()}. */
    public boolean mustSync() {
        return mustSync;
    }

    public List<Outgoing> sendNow() {
        return sendNow;
    }

    public List<Outgoing> afterPersist() {
        return afterPersist;
    }

    List<PeerMessage> selfAfterPersist() {
        return selfAfterPersist;
    }

    /** Marks this Ready advanced; an invariant that it happens once. */
    void markAdvanced() {
        Invariants.check(!advanced, "Ready %s advanced twice", id);
        advanced = true;
    }

    @Override
    public String toString() {
        return "Ready#" + id + "{persist=" + persist.size() + (mustSync ? " sync" : "") + ", now=" + sendNow.size()
                + ", after=" + afterPersist.size() + ", self=" + selfAfterPersist.size() + "}";
    }
}
