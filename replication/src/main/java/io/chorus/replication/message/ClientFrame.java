package io.chorus.replication.message;

/** A client request as sent on the wire; {@code requestId} is the client's, echoed in the reply. */
public record ClientFrame(long requestId, ClientRequest request) implements Message {
}
