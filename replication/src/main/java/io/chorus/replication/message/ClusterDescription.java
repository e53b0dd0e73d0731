package io.chorus.replication.message;

/**
 * The cluster as a node sees it: member names with their client addresses ({@code host:port}), the
 * partition count and replication factor. Enough for a client to rebuild the same ring and route.
 */
public record ClusterDescription(String[] nodeNames, String[] clientAddresses, int partitions, int replicationFactor)
        implements ClientResponse {
}
