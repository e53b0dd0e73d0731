/**
 * The Java client of Chorus. {@link io.chorus.client.ChorusClient} connects to a cluster, learns its
 * ring with {@code DescribeCluster}, and sends each request to a replica of the key (the first
 * reachable node of the key's preference list, then any node). Results are
 * {@link io.chorus.client.ReadResult} and {@link io.chorus.client.WriteAck}, carrying the opaque
 * causal {@link io.chorus.client.Context} to write back; every failure is a
 * {@link io.chorus.client.ChorusException} with one of the error kinds of shared/SEMANTICS.md.
 *
 * <p>CRDT values go through typed handles, one per key ({@link io.chorus.client.CounterRef},
 * {@link io.chorus.client.SetRef}, {@link io.chorus.client.RegisterRef},
 * {@link io.chorus.client.LwwRegisterRef}, {@link io.chorus.client.FlagRef},
 * {@link io.chorus.client.MapRef}), and read back as read-only views
 * ({@link io.chorus.client.CrdtView}). Each update is one {@code IdempotentUpdate}: an operation id
 * from {@code OperationIds}, attempts as the {@code RetryPolicy} allows.
 *
 * <p>Invariants: every request either completes or fails by its deadline (enforced here, not only
 * by the node); a request is resent to another node only when it certainly never reached the first,
 * or when it is a read; a CRDT update may be sent again only as the same operation under the same
 * operation id with a higher attempt number, and only a bounded number of times; plain puts and
 * deletes are never sent again once they may have arrived; one Netty event loop group and one
 * multiplexed connection per node per client; each connection owns its {@code Codec} and uses it
 * only on its event loop thread.
 */
package io.chorus.client;
