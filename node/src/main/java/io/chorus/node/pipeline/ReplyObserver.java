package io.chorus.node.pipeline;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientResponse;

/** Sees every reply the node gives (metrics, logs). Called on the handler thread; must be quick. */
public interface ReplyObserver {
    ReplyObserver NONE = (client, requestId, response) -> { };

    void onReply(ClientRef client, long requestId, ClientResponse response);
}
