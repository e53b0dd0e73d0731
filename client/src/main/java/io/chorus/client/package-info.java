/**
 * The Java client of Chorus. {@link io.chorus.client.ChorusClient} connects to a cluster, learns its
 * ring with {@code DescribeCluster}, and sends each request to a replica of the key (the first
 * reachable node of the key's preference list, then any node). Results are
 * {@link io.chorus.client.ReadResult} and {@link io.chorus.client.WriteAck}, carrying the opaque
 * causal {@link io.chorus.client.Context} to write back; every failure is a
 * {@link io.chorus.client.ChorusException} with one of the error kinds of shared/SEMANTICS.md.
 *
 * <p>Invariants: every request either completes or fails by its deadline (enforced here, not only
 * by the node); a request is resent to another node only when it certainly never reached the first,
 * or when it is a read; one Netty event loop group and one multiplexed connection per node per
 * client; each connection owns its {@code Codec} and uses it only on its event loop thread.
 */
package io.chorus.client;
