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
 * ({@link io.chorus.client.CrdtView}). Each update is one {@code RequestCall} under one operation id
 * from {@code OperationIds}, attempts as the {@code RetryPolicy} allows.
 *
 * <p>Each call is one {@code RequestCall}: it tries the key's replicas (then any node) in the order
 * {@code Routing} gives (breaker-open nodes last, reads optionally spread and hedged), moves on after
 * the failures {@code Resend} says may be repeated, backs off between rounds ({@code RetryPolicy},
 * full jitter) and spends the client's {@code RetryBudget} on every retry and hedge. Each
 * {@code NodeConnection} carries its node's {@code CircuitBreaker} and {@code LatencyWindow};
 * {@link io.chorus.client.ChorusClient#nodes()} shows them. {@code Calls} starts each call and waits for it
 * on behalf of the blocking methods; {@code Requests} builds the wire request of a plain call
 * ({@code CrdtAccess} a CRDT one), {@code Replies} turns the answer into a result and its receipt.
 * A {@code RequestCall} is one object per call, in three layers: {@code CallOutcome} (its result and
 * the hop onto its event loop), {@code TimedCall} (its deadline, attempt times, backoff and one
 * timer) and the call itself (routing, failover, retries); {@code CallFailures} words its failures.
 *
 * <p>Invariants: every request either completes or fails by its deadline (enforced here, not only
 * by the node), one deadline for all its attempts; a request is sent again only when nothing was
 * applied (not sent, or refused with Unavailable, Overloaded or SessionUnsatisfied), or when it is
 * a read, or when it carries an operation id, and then as the same operation under the same id
 * with an attempt number above 1 once an earlier attempt may have been applied; plain puts and
 * deletes are never sent again once they may have arrived; sends per call are bounded
 * ({@code attemptsMax}) and retries per client are a bounded share of requests (the budget); one
 * Netty event loop group and one multiplexed connection per node per client; each connection owns
 * its {@code Codec} and uses it only on its event loop thread; a call's state is confined to one
 * event loop.
 */
package io.chorus.client;
