package io.chorus.node.metrics;

import io.chorus.node.pipeline.PipelineObserver;
import io.chorus.node.pipeline.ReplyObserver;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Failure;

import java.util.HashMap;

/**
 * Follows each client request from the moment it reaches the handler to its reply: records its
 * latency and outcome, and logs it if it failed. Handler thread only. At most
 * {@link #TRACKED_MAX} requests are followed at once (a reply that never comes would otherwise
 * leak); past that, requests go untimed.
 */
public final class RequestTracker implements PipelineObserver, ReplyObserver {
    static final int TRACKED_MAX = 1 << 18;

    private record RequestKey(long client, long requestId) { }

    private record Pending(Operation op, String level, long startNanos) { }

    private final NodeMetrics metrics;
    private final RequestLog log;
    private final HashMap<RequestKey, Pending> pending = new HashMap<>();
    private long untracked;

    RequestTracker(NodeMetrics metrics, RequestLog log) {
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void onClientRequest(ClientRef client, long requestId, ClientRequest request, long publishedNanos) {
        if (pending.size() >= TRACKED_MAX) {
            untracked++;
            return;
        }
        pending.put(new RequestKey(client.id(), requestId), new Pending(Operation.of(request), Operation.levelTag(request), publishedNanos));
    }

    @Override
    public void onReply(ClientRef client, long requestId, ClientResponse response) {
        Pending request = pending.remove(new RequestKey(client.id(), requestId));
        if (request == null) return;
        long now = System.nanoTime();
        long latency = now - request.startNanos();
        metrics.recordRequest(request.op(), request.level(), latency);
        if (response instanceof Failure failure) {
            metrics.recordError(request.op(), request.level(), failure.kind());
            log.failure(client.id(), requestId, request.op().tag(), request.level(), failure, latency, now);
        }
    }

    /** Requests waiting for their reply right now. */
    int pendingCount() {
        return pending.size();
    }

    long untracked() {
        return untracked;
    }
}
