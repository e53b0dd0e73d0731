package io.chorus.torture.nemesis;

import io.chorus.torture.cluster.NodeProcess;
import io.chorus.torture.cluster.Shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network faults between node processes on loopback, as nftables rules in a table of the
 * harness's own ({@code inet chorus_torture_<port>}), on the output hook of {@code lo} only. All nodes
 * share 127.0.0.1, so a packet's sender is told by its socket's owner ({@code meta skuid}: each node
 * runs as its own user) and its receiver by the destination port (every node sends to a peer's
 * listening port over its own outgoing link). Dropping one direction of those packets cuts every
 * message from one node to the other; TCP retransmits, so a dropped packet delays rather than loses
 * a message, as real partitions do. Clients run as the harness's user and are never cut.
 * {@link #close} deletes the table, also from a shutdown hook.
 */
public final class Firewall implements AutoCloseable {
    private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");

    private final String table;
    private final Thread shutdownHook;
    private boolean closed;

    private Firewall(String table) {
        this.table = table;
        this.shutdownHook = new Thread(this::deleteTable, "torture-firewall-cleanup");
    }

    /** Creates the table (replacing one a killed earlier run left behind). */
    public static Firewall open(int basePort) {
        if (!Shell.works("nft", "--version")) {
            throw new IllegalStateException("nft is not installed: install the nftables package (the CI script does) or run without network faults");
        }
        Firewall firewall = new Firewall("chorus_torture_" + basePort);
        firewall.deleteTable();
        Shell.run(List.of("nft", "-f", "-"), "table inet " + firewall.table + " {\n"
                + "  chain output { type filter hook output priority 0; policy accept; }\n}\n");
        Runtime.getRuntime().addShutdownHook(firewall.shutdownHook);
        return firewall;
    }

    /** Drops every packet {@code from} sends to {@code to}'s port, with probability {@code percent}/100 (100: all). */
    public void drop(NodeProcess from, NodeProcess to, int percent) {
        if (percent <= 0 || percent > 100) throw new IllegalArgumentException("loss is 1..100 percent, was " + percent);
        List<String> rule = new ArrayList<>(List.of("nft", "add", "rule", "inet", table, "output", "oifname", "lo",
                "meta", "skuid", Integer.toString(from.user().uid()), "tcp", "dport", Integer.toString(to.port())));
        if (percent < 100) rule.addAll(List.of("numgen", "random", "mod", "100", "<", Integer.toString(percent)));
        rule.addAll(List.of("counter", "drop"));
        Shell.run(rule, null);
    }

    /** Removes every rule: the network is whole again. Returns how many packets the rules dropped. */
    public long heal() {
        long dropped = 0;
        for (String line : Shell.run("nft", "list", "chain", "inet", table, "output").split("\n")) {
            Matcher packets = PACKETS.matcher(line);
            if (packets.find()) dropped += Long.parseLong(packets.group(1));
        }
        Shell.run("nft", "flush", "chain", "inet", table, "output");
        return dropped;
    }

    /** The rules in force, as nft lists them (for reports). */
    public String rules() {
        return Shell.run("nft", "list", "table", "inet", table);
    }

    private void deleteTable() {
        if (Shell.works("nft", "list", "table", "inet", table)) Shell.works("nft", "delete", "table", "inet", table);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        deleteTable();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
