/**
 * The router a shell drives: {@link io.chorus.replication.replica.Replica#step} an
 * {@link io.chorus.replication.replica.Input}, take the {@link io.chorus.replication.replica.Ready},
 * store its writes, send its messages, {@link io.chorus.replication.replica.Replica#advance} it
 * (etcd raft's loop). {@link io.chorus.replication.replica.ReadyLoop} is that loop for shells that
 * store synchronously; {@link io.chorus.replication.replica.ActorEpochs} the one actor-epoch rule.
 * The only package that depends on both coordinate and partition.
 */
package io.chorus.replication.replica;
