package io.chorus.replication.message;

/** The answer to the {@link ClientFrame} with the same {@code requestId}. */
public record ClientReply(long requestId, ClientResponse response) implements Message {
}
