/**
 * The single-writer pipeline of a node: Netty threads and the tick scheduler publish
 * {@link io.chorus.node.pipeline.InboundEvent}s into a bounded multi-producer Disruptor ring
 * ({@link io.chorus.node.pipeline.Inbound}); one handler thread
 * ({@link io.chorus.node.pipeline.NodeHandler}) owns the replica and its storage and is the only
 * thread that ever touches them. Output leaves through the
 * {@link io.chorus.node.pipeline.BatchingOutbox}, which hands immutable messages to the Netty event
 * loops once per batch (encoding happens there, off the handler thread).
 *
 * <p>Invariants: publishing never blocks (a full ring refuses the event at once); every client
 * request that reaches the handler gets exactly one reply, even when the state machine throws.
 */
package io.chorus.node.pipeline;
