package io.chorus.replication.env;

/**
 * An opaque handle on a client connection, minted by the shell (Netty channel, simulated client).
 * The core only hands it back to {@link Outbox#reply}.
 */
public record ClientRef(long id) {
}
