/** The core's limits and timings ({@link io.chorus.replication.config.ReplicaConfig}, each named with its unit) and the bugs tests may inject. */
package io.chorus.replication.config;
