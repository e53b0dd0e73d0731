package io.chorus.replication.replica;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

/** A message a step produced for a peer or a client, as the shell delivers it. */
public sealed interface Outgoing permits Outgoing.ToPeer, Outgoing.ToClient {
    /** Hands this message to the shell's transport. */
    void deliver(Outbox outbox);

    record ToPeer(NodeId to, PeerMessage message) implements Outgoing {
        @Override
        public void deliver(Outbox outbox) {
            outbox.send(to, message);
        }
    }

    record ToClient(ClientRef client, long requestId, ClientResponse response) implements Outgoing {
        @Override
        public void deliver(Outbox outbox) {
            outbox.reply(client, requestId, response);
        }
    }
}
