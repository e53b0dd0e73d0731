package io.chorus.replication.env;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Where the pieces of the core put what one step produces. The router collects it into a {@code
 * Ready} for the shell; nothing here performs I/O. Messages addressed to the node itself are
 * delivered inside the core (after the step, or once persisted), never through the shell.
 */
public interface Effects {
    /** A message that may leave at once, before this step's writes are stored (fan-out, reads). */
    void send(NodeId to, PeerMessage message);

    /** A message that claims this step's writes are stored (an ack): released once they are persisted. */
    void sendAfterPersist(NodeId to, PeerMessage message);

    /** The one answer to a client request; released once this step's writes are persisted. */
    void reply(ClientRef client, long requestId, ClientResponse response);

    /** A key's new whole state, for the shell to write (and fsync before the acks when {@code durable}). */
    void persist(Key key, KeyState state, boolean durable);
}
