package io.chorus.node.testing;

import io.chorus.replication.env.Storage;
import io.chorus.replication.config.InjectedBug;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * TEST ONLY. Reads the system properties a fault-test harness passes to a node process (node/CONFIG.md,
 * "Test-only switches"). Unset, they change nothing.
 */
public final class TestHooks {
    /** Comma-separated {@link InjectedBug} names the replica runs with: a planted bug the checkers must catch. */
    public static final String INJECTED_BUGS_PROPERTY = "chorus.test.injectedBugs";
    /** A file to append every storage write to ({@link StorageWatch}). */
    public static final String STORAGE_WATCH_PROPERTY = "chorus.test.storageWatch";

    private TestHooks() {
    }

    /** The planted bugs asked for; empty in production. */
    public static Set<InjectedBug> injectedBugs() {
        String value = System.getProperty(INJECTED_BUGS_PROPERTY, "").strip();
        Set<InjectedBug> bugs = EnumSet.noneOf(InjectedBug.class);
        if (value.isEmpty()) return bugs;
        for (String name : value.split(",")) {
            try {
                bugs.add(InjectedBug.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(INJECTED_BUGS_PROPERTY + ": unknown bug '" + name.strip() + "'; known: "
                        + EnumSet.allOf(InjectedBug.class), e);
            }
        }
        return bugs;
    }

    /** {@code storage}, watched into the file the property names when it is set; else {@code storage} itself. */
    public static Storage watched(Storage storage, String actor) {
        String file = System.getProperty(STORAGE_WATCH_PROPERTY, "").strip();
        return file.isEmpty() ? storage : StorageWatch.open(storage, Path.of(file), actor);
    }
}
