package io.chorus.replication.message;

/** Answers to {@link ClientRequest}s. */
public sealed interface ClientResponse permits GetResult, WriteResult, Failure, ClusterDescription, CrdtValue {
}
