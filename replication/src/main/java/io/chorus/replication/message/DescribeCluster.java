package io.chorus.replication.message;

/** Ask for the cluster's members and ring, so that a client can route to a key's replicas. */
public record DescribeCluster() implements ClientRequest {
}
