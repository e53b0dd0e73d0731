package io.chorus.replication.state;

import io.chorus.crdt.clock.Dot;
import io.chorus.replication.Invariants;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.replication.ring.KeyHash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a replica stores for one key: a dotted version vector set. {@code context} is every event
 * this object has seen; each sibling carries the dot that minted it. A sibling whose dot is in the
 * context of a newer write has been superseded and is gone; the siblings left are pairwise
 * concurrent. Immutable.
 *
 * <p>A key may instead hold a CRDT value ({@link #crdt()}), which merges by itself and never makes
 * siblings, with the ids of the operations recently applied to it ({@link #appliedOps()}) so that
 * a retried operation is applied once. The first write fixes which kind a key holds.
 *
 * <p>Invariants (checked on construction when assertions are on): dots are distinct, sorted, and
 * all included in {@code context}.
 */
public final class KeyState {
    private static final KeyState EMPTY = new KeyState(VersionVector.empty(), List.of(), null, AppliedOps.none());

    private final VersionVector context;
    private final List<Sibling> siblings;
    private final Crdt<?> crdt;             // null: a plain key (or nothing yet)
    private final AppliedOps appliedOps;
    private long digest; // lazily computed; 0 = not yet

    private KeyState(VersionVector context, List<Sibling> sortedSiblings, Crdt<?> crdt, AppliedOps appliedOps) {
        this.context = context;
        this.siblings = sortedSiblings;
        this.crdt = crdt;
        this.appliedOps = appliedOps;
        Invariants.check(isWellFormed(), "malformed key state %s: a sibling outside its context, or dots not distinct and sorted", this);
    }

    public static KeyState empty() {
        return EMPTY;
    }

    /** Rebuilds stored or decoded siblings; rejects malformed input with a reason. */
    public static KeyState of(VersionVector context, List<Sibling> siblings) {
        List<Sibling> sorted = new ArrayList<>(siblings);
        sorted.sort((a, b) -> a.dot().compareTo(b.dot()));
        for (int i = 0; i < sorted.size(); i++) {
            Dot dot = sorted.get(i).dot();
            if (!context.contains(dot)) throw new IllegalArgumentException("sibling dot " + dot + " is outside context " + context);
            if (i > 0 && sorted.get(i - 1).dot().equals(dot)) throw new IllegalArgumentException("duplicate sibling dot " + dot);
        }
        return new KeyState(context, Collections.unmodifiableList(sorted), null, AppliedOps.none());
    }

    /** Rebuilds a stored or decoded state that may hold a CRDT part. */
    public static KeyState of(VersionVector context, List<Sibling> siblings, Crdt<?> crdt, AppliedOps appliedOps) {
        KeyState plain = of(context, siblings);
        return crdt == null && appliedOps.isEmpty() ? plain : new KeyState(plain.context, plain.siblings, crdt, appliedOps);
    }

    /** A CRDT value (or delta) with the operation that produced it, as shipped between replicas. */
    public static KeyState ofCrdt(Crdt<?> value, AppliedOps appliedOps) {
        return new KeyState(VersionVector.empty(), List.of(), value, appliedOps);
    }

    /** The CRDT value, or null when the key holds plain values (or nothing). */
    public Crdt<?> crdt() {
        return crdt;
    }

    public AppliedOps appliedOps() {
        return appliedOps;
    }

    /** This state with its CRDT part replaced by {@code value} after applying operation {@code operationId}. */
    public KeyState withCrdt(Crdt<?> value, long operationId) {
        return new KeyState(context, siblings, value, appliedOps.with(operationId));
    }

    /** This state with {@code operationId} recorded as applied (a minted write, so a duplicate is recognised). */
    public KeyState withAppliedOp(long operationId) {
        return new KeyState(context, siblings, crdt, appliedOps.with(operationId));
    }

    /** True when the key holds plain values that are not all deleted. */
    public boolean hasLiveValues() {
        for (Sibling s : siblings) {
            if (!s.isTombstone()) return true;
        }
        return false;
    }

    /** Only tombstones (at least one), no live value and no CRDT part: a deleted plain key. */
    public boolean isTombstoneOnly() {
        if (siblings.isEmpty() || crdt != null) return false;
        for (Sibling s : siblings) {
            if (!s.isTombstone()) return false;
        }
        return true;
    }

    /**
     * What a purged tombstone leaves for a while: the context it had seen (and the ids of the mints
     * it remembers), no sibling. Merged with a late copy of a value the delete superseded, it drops
     * that value, as the tombstone did; it holds nothing a reader sees.
     */
    public boolean isPurgeMarker() {
        return siblings.isEmpty() && crdt == null && !context.isEmpty();
    }

    /** This tombstone-only state's purge marker. */
    public KeyState purged() {
        Invariants.check(isTombstoneOnly(), "purging %s, which holds more than tombstones", this);
        return of(context, List.of(), null, appliedOps);
    }

    /**
     * A client write minted by {@code actor}: the new value (null for a delete) supersedes exactly
     * the versions {@code clientContext} has seen; every other sibling stays. The new dot is past
     * both this object's and the client's events of {@code actor}, so it is never reused while this
     * object holds every dot {@code actor} minted for the key. After a power loss it may not: the
     * node then mints under a new actor ({@code NodeId.actor}, one epoch on).
     */
    public KeyState update(VersionVector clientContext, byte[] valueOrNull, String actor) {
        return update(clientContext, valueOrNull, actor, Sibling.NEVER);
    }

    /** {@link #update(VersionVector, byte[], String)} of a value that expires at {@code expiresAtMillis} (a TTL put). */
    public KeyState update(VersionVector clientContext, byte[] valueOrNull, String actor, long expiresAtMillis) {
        VersionVector seen = context.merge(clientContext);
        Dot dot = seen.nextDot(actor);
        // A dot names one event: minting one already seen would make merges take two values for one.
        if (seen.contains(dot)) throw Invariants.violated("minting %s, which %s already holds", dot, seen);
        List<Sibling> kept = new ArrayList<>(siblings.size() + 1);
        for (Sibling s : siblings) {
            if (!clientContext.contains(s.dot())) kept.add(s);
        }
        kept.add(new Sibling(dot, valueOrNull, expiresAtMillis));
        return of(seen.with(dot), kept, crdt, appliedOps);
    }

    /**
     * What the other replicas need of a write this state's replica just minted as {@code actor} over
     * {@code clientContext} (this state being the result of {@link #update}): the client's context
     * plus the new dot, and the siblings that context covers. Merged anywhere, it drops exactly what
     * the write superseded and adds the new value, like the whole state would, without shipping the
     * siblings the write did not touch. A version vector is contiguous per actor, so the delta covers
     * every earlier dot of {@code actor}; the siblings among them that are still live travel with it.
     */
    public KeyState mintDelta(VersionVector clientContext, String actor, long mintId) {
        Dot minted = new Dot(actor, context.get(actor));
        VersionVector covered = clientContext.with(minted);
        List<Sibling> kept = new ArrayList<>(2);
        for (Sibling s : siblings) {
            if (covered.contains(s.dot())) kept.add(s);
        }
        KeyState delta = of(covered, kept, null, mintId == 0 ? AppliedOps.none() : AppliedOps.of(mintId));
        // Without the new value the other replicas would merge a context covering it and drop it: an acknowledged write lost.
        if (!delta.hasDot(minted)) throw Invariants.violated("delta lacks the minted dot %s", minted);
        return delta;
    }

    /**
     * About how many bytes this state takes encoded: values, dots and context. CRDT parts are not
     * counted (their size is bounded by the operations' own limits and the node count).
     */
    public long approximateBytes() {
        long bytes = 16L + context.size() * 24L;
        for (Sibling s : siblings) bytes += 24L + s.dot().actor().length() + (s.isTombstone() ? 0 : s.value().length) + (s.expires() ? 8 : 0);
        return bytes;
    }

    /** How many siblings {@link #update} with this client context would leave. */
    public int sizeAfterUpdate(VersionVector clientContext) {
        int kept = 1;
        for (Sibling s : siblings) {
            if (!clientContext.contains(s.dot())) kept++;
        }
        return kept;
    }

    /**
     * Synchronises two replicas' states: a sibling survives unless the other side has seen its dot
     * and dropped it. Commutative, associative and idempotent.
     */
    public KeyState merge(KeyState other) {
        if (this == other || equals(other)) return this;
        List<Sibling> kept = new ArrayList<>(siblings.size() + other.siblings.size());
        for (Sibling s : siblings) {
            if (!other.context.contains(s.dot()) || other.hasDot(s.dot())) kept.add(s);
        }
        for (Sibling s : other.siblings) {
            if (!context.contains(s.dot())) kept.add(s);
        }
        KeyState plain = of(context.merge(other.context), kept);
        return of(plain.context, plain.siblings, mergeCrdt(crdt, other.crdt), appliedOps.merge(other.appliedOps));
    }

    /**
     * Two replicas' CRDT parts. When concurrent first writes gave a key two different CRDT types,
     * the type with the lower codec tag is kept on every replica, so that replicas still converge;
     * the other value is lost. Coordinators refuse a mismatched type whenever they can see it.
     */
    private static Crdt<?> mergeCrdt(Crdt<?> a, Crdt<?> b) {
        if (a == null) return b;
        if (b == null || a == b) return a;
        if (a.type() != b.type()) return a.type().tag() < b.type().tag() ? a : b;
        return Crdt.mergeAny(a, b);
    }

    private boolean hasDot(Dot dot) {
        for (Sibling s : siblings) {
            if (s.dot().equals(dot)) return true;
        }
        return false;
    }

    public VersionVector context() {
        return context;
    }

    /** KeyState in dot order, tombstones included. */
    public List<Sibling> siblings() {
        return siblings;
    }

    public int size() {
        return siblings.size();
    }

    public boolean isEmpty() {
        return siblings.isEmpty() && context.isEmpty() && crdt == null && appliedOps.isEmpty();
    }

    /** Values of the live (non-tombstone) siblings, in dot order. Empty: not found or deleted. */
    public List<byte[]> liveValues() {
        List<byte[]> values = new ArrayList<>(siblings.size());
        for (Sibling s : siblings) {
            if (!s.isTombstone()) values.add(s.value());
        }
        return values;
    }

    /** Values of the siblings a reader sees at {@code nowMillis}: live, and not expired then. */
    public List<byte[]> liveValues(long nowMillis) {
        List<byte[]> values = new ArrayList<>(siblings.size());
        for (Sibling s : siblings) {
            if (!s.isTombstone() && !s.isExpiredAt(nowMillis)) values.add(s.value());
        }
        return values;
    }

    /** The earliest expiry among the values put with a TTL, or {@link Sibling#NEVER} if none expires. */
    public long nextExpiryMillis() {
        long next = Sibling.NEVER;
        for (Sibling s : siblings) {
            if (s.expires() && (next == Sibling.NEVER || s.expiresAtMillis() < next)) next = s.expiresAtMillis();
        }
        return next;
    }

    /**
     * This state without the values expired at {@code nowMillis}, the context kept: what a delete
     * with exactly their dots would leave, so merged with a copy that still holds one, it drops it
     * (no expired value ever comes back, whichever replica's clock expired it first). Every sibling
     * expired and no tombstone: a purge marker. {@code this} if nothing expired.
     */
    public KeyState withoutExpired(long nowMillis) {
        List<Sibling> kept = new ArrayList<>(siblings.size());
        for (Sibling s : siblings) {
            if (!s.isExpiredAt(nowMillis)) kept.add(s);
        }
        if (kept.size() == siblings.size()) return this;
        return new KeyState(context, Collections.unmodifiableList(kept), crdt, appliedOps);
    }

    /** Holds a value put with a TTL. */
    public boolean hasExpiringValues() {
        for (Sibling s : siblings) {
            if (s.expires()) return true;
        }
        return false;
    }

    /**
     * A stable 64-bit hash of the whole state, for anti-entropy. Plain values (and their expiries)
     * are not hashed: a dot names exactly one value (only its replica mints it, once), so context and
     * dots identify the state, and hashing 1 KB values on every write was a measurable share of a node's CPU.
     */
    public long digest() {
        if (digest != 0) return digest;
        long h = 0x84222325CBF29CE4L;
        for (var e : context.toMap().entrySet()) h = mix(mix(h, e.getKey().hashCode()), e.getValue());
        for (Sibling s : siblings) {
            h = mix(mix(mix(h, s.dot().actor().hashCode()), s.dot().counter()), s.isTombstone() ? -1 : 1);
        }
        if (crdt != null) h = mix(h, KeyHash.hash64(CrdtCodec.encode(crdt)));
        for (long id : appliedOps.ids()) h = mix(h, id);
        digest = h == 0 ? 1 : h;
        return digest;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001B3L;
        return h ^ (h >>> 29);
    }

    private boolean isWellFormed() {
        for (int i = 0; i < siblings.size(); i++) {
            Dot dot = siblings.get(i).dot();
            if (!context.contains(dot)) return false;
            if (i > 0 && siblings.get(i - 1).dot().compareTo(dot) >= 0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyState s && context.equals(s.context) && siblings.equals(s.siblings)
                && java.util.Objects.equals(crdt, s.crdt) && appliedOps.equals(s.appliedOps);
    }

    @Override
    public int hashCode() {
        return (context.hashCode() * 31 + siblings.hashCode()) * 31 + java.util.Objects.hashCode(crdt);
    }

    @Override
    public String toString() {
        return "KeyState" + siblings + "@" + context + (crdt == null ? "" : " " + crdt + " " + appliedOps);
    }
}
