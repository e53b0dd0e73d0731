package io.chorus.client;

import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.HybridClock;
import io.chorus.replication.crdt.CrdtOps;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.WriteResult;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A script for fake nodes that keeps CRDT values as one replica would: applies each operation id
 * once (a repeat is acknowledged without applying), refuses an operation of another type than the
 * key holds with {@code InvalidRequest} naming both, reads a key never written as its type's empty
 * value. {@link #applyThenAnswer} can make a node apply an update and still answer a failure, the
 * way a reply gets lost. Thread-safe (fake nodes answer on their own threads).
 */
final class CrdtStore implements Function<ClientRequest, ClientResponse> {
    private final Map<Key, Crdt<?>> values = new HashMap<>();
    private final Set<Long> applied = new HashSet<>();
    private final HybridClock clock = new HybridClock("fake", 60_000);
    private long physicalMillis = 1_000;
    private volatile Function<CrdtUpdate, ClientResponse> answerAfterApplying = update -> null;

    /** After applying (or recognising) an update, answer what {@code answer} returns instead of success (null: success). */
    CrdtStore applyThenAnswer(Function<CrdtUpdate, ClientResponse> answer) {
        this.answerAfterApplying = answer;
        return this;
    }

    @Override
    public synchronized ClientResponse apply(ClientRequest request) {
        if (request instanceof CrdtGet get) {
            Crdt<?> value = values.get(get.key());
            if (value != null && value.type() != get.type()) return mismatch(get.key(), value, get.type().displayName());
            return new CrdtValue(CrdtCodec.encode(value == null ? get.type().empty() : value));
        }
        if (!(request instanceof CrdtUpdate update)) {
            return new Failure(ErrorKind.INVALID_REQUEST, "this fake takes CRDT requests only, not " + request.getClass().getSimpleName());
        }
        Crdt<?> current = values.get(update.key());
        if (current != null && current.type() != update.operation().target()) {
            return mismatch(update.key(), current, update.operation().target().displayName());
        }
        if (applied.add(update.operationId())) {
            try {
                CrdtOps.validate(update.operation(), 1 << 20, 0);
                values.put(update.key(), CrdtOps.apply(current, update.operation(), "fake", clock, physicalMillis++).state());
            } catch (IllegalArgumentException e) {
                applied.remove(update.operationId());
                return new Failure(ErrorKind.INVALID_REQUEST, "CRDT operation is invalid: " + e.getMessage());
            }
        }
        ClientResponse override = answerAfterApplying.apply(update);
        return override != null ? override : new WriteResult(new byte[0], update.durable()); // a node that honours durable
    }

    private static Failure mismatch(Key key, Crdt<?> held, String wanted) {
        return new Failure(ErrorKind.INVALID_REQUEST, "key " + key.asString() + " holds a " + held.type().displayName()
                + ", not a " + wanted + ": a key's type is fixed by its first write");
    }
}
