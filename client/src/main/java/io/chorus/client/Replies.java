package io.chorus.client;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.WriteResult;

import java.util.Arrays;
import java.util.List;

/**
 * Turns a node's answer to a plain call into what the caller gets: a {@link ReadResult} or a
 * {@link WriteAck}, each with its {@link Receipt} (which replicas answered, which of them are
 * fallbacks by the client's ring), or a {@link ChorusException} when the node refused or answered
 * something unexpected. The CRDT twin is {@link CrdtReplies}. One per client; stateless but for
 * the ring it reads.
 */
final class Replies {
    private final ClusterView cluster;

    Replies(ClusterView cluster) {
        this.cluster = cluster;
    }

    /** The response, unless it is a node's refusal: then that refusal as a {@link ChorusException}. */
    static ClientResponse throwIfFailure(ClientResponse response) {
        if (response instanceof Failure failure) throw new ChorusException(failure.kind(), failure.message());
        return response;
    }

    ReadResult readResult(Answered answered) {
        if (!(answered.response() instanceof GetResult result)) throw unexpected("a GetResult", answered.response());
        Context context = Context.of(result.context());
        return new ReadResult(Arrays.asList(result.values()), context, receipt(answered, result.answeredBy(), result.readRepair(), false, context));
    }

    WriteAck writeAck(Answered answered) {
        if (!(answered.response() instanceof WriteResult result)) throw unexpected("a WriteResult", answered.response());
        Context context = Context.of(result.context());
        return new WriteAck(context, result.durable(), receipt(answered, result.ackedBy(), false, result.durable(), context));
    }

    /** A CRDT update's acknowledgement: as a write's, with no context (replicas merge CRDT values). */
    WriteAck crdtUpdateAck(Answered answered) {
        if (!(answered.response() instanceof WriteResult written)) throw unexpected("a WriteResult", answered.response());
        return new WriteAck(Context.NONE, written.durable(), receipt(answered, written.ackedBy(), false, written.durable(), Context.NONE));
    }

    private Receipt receipt(Answered answered, String[] replicas, boolean readRepair, boolean durable, Context context) {
        List<String> names = replicas == null ? List.of() : Arrays.asList(replicas);
        List<String> fallbacks = names.isEmpty() ? List.of() : Receipt.fallbacksOf(names, cluster.replicaNames(answered.key().bytesUnsafe()));
        return new Receipt(answered.coordinator(), answered.attempts(), names, fallbacks, readRepair, durable, context);
    }

    private static ChorusException unexpected(String wanted, ClientResponse got) {
        // The node answered something else: the request's outcome is unknown to us.
        return new ChorusException(ErrorKind.TIMEOUT, "the node answered " + got.getClass().getSimpleName()
                + " where " + wanted + " was expected; the operation may have been applied");
    }
}
