package io.chorus.bench.cli;

import io.chorus.bench.store.ChorusStore;
import io.chorus.bench.store.LocalStore;
import io.chorus.bench.store.Store;
import io.chorus.client.Addresses;
import io.chorus.client.ChorusClient;
import io.chorus.client.ClientBuilder;
import io.chorus.client.WriteOptions;
import io.chorus.client.cli.DataCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which store a command drives: {@code --cluster host:port,...}, {@code --cluster local} (an
 * in-process store: the driver's own cost, no server), or by default the local cluster's address
 * file, else the three default local ports, as the CLI's data commands do.
 */
final class Clusters {
    static final String LOCAL = "local";

    private Clusters() {
    }

    /** What {@code --cluster} (or its absence) names, as shown in the report. */
    static String describe(String option, Path workingDirectory) {
        if (LOCAL.equals(option)) return "in-process store (no server)";
        List<InetSocketAddress> seeds = seeds(option, workingDirectory);
        List<String> text = new ArrayList<>();
        for (InetSocketAddress a : seeds) text.add(a.getHostString() + ":" + a.getPort());
        return "cluster " + String.join(",", text);
    }

    static List<InetSocketAddress> seeds(String option, Path workingDirectory) {
        if (option != null) return Addresses.parseList(option);
        Path file = workingDirectory.resolve(DataCommands.CLUSTER_ADDRESSES_FILE);
        if (!Files.isRegularFile(file)) return Addresses.parseList(DataCommands.DEFAULT_CLUSTER);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (lines.isEmpty()) throw new IllegalArgumentException(file + " lists no address");
            return Addresses.parseList(String.join(",", lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code connections} stores writing with {@code writes}; on a failure closes those already open and rethrows. */
    static List<Store> open(String option, Path workingDirectory, int connections, Duration requestTimeout, WriteOptions writes) {
        return open(option, workingDirectory, connections, requestTimeout, writes, null);
    }

    /** As above, over TLS trusting {@code caFile} (null: plaintext). */
    static List<Store> open(String option, Path workingDirectory, int connections, Duration requestTimeout, WriteOptions writes, Path caFile) {
        List<Store> stores = new ArrayList<>();
        if (LOCAL.equals(option)) {
            stores.add(new LocalStore()); // one copy shared by every thread: connections mean nothing here
            return stores;
        }
        List<InetSocketAddress> seeds = seeds(option, workingDirectory);
        try {
            for (int i = 0; i < connections; i++) {
                ClientBuilder builder = ChorusClient.builder().seeds(seeds).requestTimeout(requestTimeout);
                if (caFile != null) builder.tls(caFile);
                stores.add(new ChorusStore(builder.build(), writes));
            }
            return stores;
        } catch (RuntimeException e) {
            stores.forEach(Store::close);
            throw e;
        }
    }
}
