package io.chorus.replication.env;

/**
 * Wall-clock time, only for values users see (TTLs, hybrid logical clocks). Protocol timing never
 * reads it: timeouts are counted in ticks (see {@code Replica.onTick}).
 */
public interface Clock {
    long wallMillis();
}
