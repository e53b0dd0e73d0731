/**
 * The production shell of a Chorus node: configuration ({@link io.chorus.node.NodeConfig}) and the
 * wiring ({@link io.chorus.node.ChorusNode}, started by {@code NodeStartup}, stopped by
 * {@code NodeShutdown}) of the Netty server, the Disruptor pipeline and the Chronicle Map storage
 * around the sans-IO {@code Replica}. Only wiring lives here: no protocol
 * decisions. One thread (the pipeline's handler) owns the replica and its storage; Netty threads
 * decode frames and publish them, nothing more.
 */
package io.chorus.node;
