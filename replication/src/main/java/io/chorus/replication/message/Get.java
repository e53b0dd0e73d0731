package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Read {@code key}, waiting for as many replicas as {@code consistency} needs. */
public record Get(Key key, String consistency) implements ClientRequest {
}
