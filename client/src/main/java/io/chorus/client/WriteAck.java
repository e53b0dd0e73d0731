package io.chorus.client;

import java.util.Objects;

/**
 * A put or delete was stored by as many replicas as its consistency level asked for.
 *
 * @param context the context after this write: passing it to the next write of the same key
 *                supersedes this write (and whatever it superseded)
 */
public record WriteAck(Context context) {
    public WriteAck {
        Objects.requireNonNull(context, "context");
    }
}
