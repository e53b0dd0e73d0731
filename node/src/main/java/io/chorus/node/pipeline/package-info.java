/**
 * The single-writer pipeline of a node: Netty threads and the tick scheduler publish
 * {@link io.chorus.node.pipeline.InboundEvent}s into a bounded multi-producer Disruptor ring
 * ({@link io.chorus.node.pipeline.Inbound}); one handler thread
 * ({@link io.chorus.node.pipeline.NodeHandler}) owns the replica and its storage and is the only
 * thread that ever touches them. Output leaves through the
 * {@link io.chorus.node.pipeline.BatchingOutbox}, which hands immutable messages to the Netty event
 * loops once per batch (encoding happens there, off the handler thread). Durable writes go to the
 * write-ahead log writer once per batch ({@link io.chorus.node.pipeline.DurableWrites}); its report
 * that they are fsynced comes back through the ring as a PERSISTED event.
 *
 * <p>Invariants: publishing an input never blocks (a full ring refuses it at once); every client
 * request that reaches the handler gets exactly one reply, even when the state machine throws; the
 * handler never waits for an fsync (only the writer's report, published from the writer thread, may
 * wait for room in the ring).
 */
package io.chorus.node.pipeline;
