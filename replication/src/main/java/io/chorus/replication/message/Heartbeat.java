package io.chorus.replication.message;

/** "I am alive": sent to every peer every few ticks; any message counts as liveness. */
public record Heartbeat() implements PeerMessage {
}
