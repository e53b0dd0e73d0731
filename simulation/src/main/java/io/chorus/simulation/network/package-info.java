/**
 * The simulated network. {@link io.chorus.simulation.network.SimNetwork} is every node's
 * {@code Outbox}: each message is encoded by the real codec, suffers the link's latency (drawn per
 * message, so messages reorder), loss, duplication, clogging and partitions
 * ({@link io.chorus.simulation.network.PartitionShape}), and is decoded by the codec again on
 * delivery. Client connections carry {@code ClientFrame}/{@code ClientReply} the same way.
 */
package io.chorus.simulation.network;
