package io.chorus.client;

import io.chorus.replication.message.Delete;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.QuorumOptions;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;

import java.util.Objects;

/**
 * The wire requests of plain calls ({@code Get}, {@code Put}, {@code Delete}) built from a caller's
 * arguments: a level becomes its wire code, {@link ReadOptions} and {@link WriteOptions} their
 * quorum rules and durability, each write takes a new operation id (attempt 1), and a session's
 * call carries its token. {@link ChorusClient} and {@link Session} build theirs here, so the same
 * call sends the same request either way; the CRDT requests are built by {@link CrdtAccess}.
 * Callers check their own arguments first. Stateless.
 */
final class Requests {
    private Requests() {
    }

    /** The one place a level becomes its wire code. */
    static byte level(Consistency consistency) {
        return Objects.requireNonNull(consistency, "consistency").code();
    }

    /** The write's quorum rules on the wire: null for the defaults (strict, no primaries required). */
    static QuorumOptions quorum(WriteOptions options) {
        return options.primaries() == 0 && !options.sloppy() ? null : new QuorumOptions(options.primaries(), options.sloppy(), false);
    }

    static boolean durable(WriteOptions options) {
        return Objects.requireNonNull(options, "options (use WriteOptions.DEFAULT for none)").durable();
    }

    /** A read as {@code options} asks: answered by one replica alone, or with primaries required; no session. */
    static Get get(Key key, Consistency consistency, ReadOptions options) {
        boolean local = options.localReplica() != null;
        QuorumOptions quorum = local || options.primaries() > 0 ? new QuorumOptions(options.primaries(), false, local) : null;
        return new Get(key, level(consistency), null, quorum);
    }

    /** @param session the session's token; null outside a session */
    static Put put(Key key, byte[] value, Context context, Consistency consistency, WriteOptions options, OperationIds ids, byte[] session) {
        return new Put(key, value.clone(), context.wireBytes(), level(consistency), durable(options), ids.next(), 1, session,
                options.ttlMillis(), quorum(options));
    }

    /** @param session the session's token; null outside a session */
    static Delete delete(Key key, Context context, Consistency consistency, WriteOptions options, OperationIds ids, byte[] session) {
        return new Delete(key, context.wireBytes(), level(consistency), durable(options), ids.next(), 1, session, quorum(options));
    }
}
