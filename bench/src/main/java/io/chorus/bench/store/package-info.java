/**
 * The driver's view of a store ({@link io.chorus.bench.store.Store}: async get and put with a
 * causal context, increment and read of a counter) and its implementations: the adapter over the
 * public Chorus client, and an in-process store for dry runs of the driver itself. Contexts are
 * encoded version vectors ({@link io.chorus.replication.message.CausalContext}), which the
 * stale-read checker decodes.
 */
package io.chorus.bench.store;
