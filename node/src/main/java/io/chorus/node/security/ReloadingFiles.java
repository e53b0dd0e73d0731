package io.chorus.node.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What some files say, read again when one of them changes (its modification time or size): asked
 * on every new connection, so a replaced certificate or users file takes effect for the next
 * connection without a restart, a signal or a timer (a few {@code stat}s per connection). A reload
 * that fails (a half-written file, a key that does not match its certificate) keeps the previous
 * version and logs why; only the first load may fail outright. Thread-safe.
 *
 * @param <T> what the files are loaded into
 */
public final class ReloadingFiles<T> {
    private static final Logger log = LoggerFactory.getLogger(ReloadingFiles.class);

    private final String what;
    private final List<Path> files;
    private final Supplier<T> loader;
    private volatile Loaded<T> current;

    private record Loaded<T>(List<String> stamps, T value) {
    }

    /** Loads at once: a failure here is the caller's (a node should not start with unreadable files). */
    public ReloadingFiles(String what, List<Path> files, Supplier<T> loader) {
        this.what = what;
        this.files = List.copyOf(files);
        this.loader = loader;
        this.current = new Loaded<>(stamps(), loader.get());
    }

    /** The files' current content, reloaded first if any of them changed since the last load. */
    public T get() {
        Loaded<T> loaded = current;
        List<String> stamps = stamps();
        if (stamps.equals(loaded.stamps())) return loaded.value();
        synchronized (this) {
            if (!stamps.equals(current.stamps())) {
                try {
                    current = new Loaded<>(stamps, loader.get());
                    log.info("reloaded the {} from {}", what, files);
                } catch (RuntimeException e) {
                    current = new Loaded<>(stamps, current.value()); // log once per change, not per connection
                    log.error("the {} changed but cannot be loaded, keeping the previous version: {}", what, e.getMessage());
                }
            }
            return current.value();
        }
    }

    private List<String> stamps() {
        List<String> stamps = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(attributes.lastModifiedTime() + "/" + attributes.size());
            } catch (IOException e) {
                stamps.add("missing"); // a file being replaced; the reload will say what is wrong if it stays so
            }
        }
        return stamps;
    }
}
