package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Read {@code key}, waiting for as many replicas as {@code consistency} (a {@code Consistency} code) needs. */
public record Get(Key key, byte consistency) implements ClientRequest {
}
