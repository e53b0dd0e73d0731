package io.chorus.bench.run;

import java.util.Locale;

/**
 * Which node the staleness probe reads a key through, after writing it through the key's first
 * replica. A replica coordinating a read at {@code ONE} answers from its own copy, so the choice
 * decides what a miss means.
 */
public enum ReadVia {
    /**
     * The node the write went to (the client's routing: the key's first replica). At {@code ONE}
     * that node minted the write and reads itself first, so this measures read-your-writes through
     * one coordinator, never another replica's lag.
     */
    SAME(0),
    /**
     * The key's second replica: a miss at {@code ONE} means the write had not reached it t after
     * the acknowledgement. Replication lag as a reader at another replica sees it.
     */
    OTHER(1);

    /** Index in the key's preference list of the replica the read goes through. */
    public final int replicaIndex;

    ReadVia(int replicaIndex) {
        this.replicaIndex = replicaIndex;
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReadVia parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--read-via must be same or other, got \"" + text + "\"");
        }
    }
}
