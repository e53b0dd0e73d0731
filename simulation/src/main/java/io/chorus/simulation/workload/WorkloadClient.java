package io.chorus.simulation.workload;

import io.chorus.replication.message.ClientReply;
import io.chorus.replication.ring.NodeId;

/** A simulated client as the world drives it: started, told of replies and refusals, asked whether it is idle. */
public interface WorkloadClient {
    /** Starts (or resumes, after a pause) issuing operations while the world says so. */
    void start();

    /** No operation in flight (nor waiting to retry). */
    boolean idle();

    void onReply(ClientReply reply);

    /** A request reached {@code node} while it was down: its connection was refused, nothing was applied. */
    void onRefused(long requestId, NodeId node);
}
