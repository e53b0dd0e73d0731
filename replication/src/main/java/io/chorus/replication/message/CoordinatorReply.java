package io.chorus.replication.message;

import io.chorus.replication.state.Key;

/** A replica's answer to a coordinator's request: it names the coordinator's op id and the key, and goes to that coordination. */
public sealed interface CoordinatorReply extends PeerMessage permits ReplicaReadResult, ReplicaWriteAck, MintResult {
    long opId();

    Key key();
}
