package io.chorus.replication.message;

/**
 * Requests a client sends. Levels travel as text ({@code "QUORUM"}) so that the node, not each
 * client, validates them and answers {@code InvalidRequest} naming the accepted values.
 */
public sealed interface ClientRequest permits Get, Put, Delete, DescribeCluster, CrdtUpdate, CrdtGet {
}
