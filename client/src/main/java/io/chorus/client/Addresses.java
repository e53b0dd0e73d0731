package io.chorus.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code host:port} text, as found in a cluster description, a {@code --cluster} option or a
 * cluster's address file. IPv6 hosts go in brackets ({@code [::1]:7401}). The host is resolved
 * when parsed.
 */
public final class Addresses {
    private Addresses() {
    }

    /** @throws IllegalArgumentException naming the text when it is not {@code host:port} with a port in 1..65535 */
    public static InetSocketAddress parse(String hostPort) {
        String text = hostPort.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("address \"" + hostPort + "\" is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address \"" + hostPort + "\" has a port that is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("address \"" + hostPort + "\" has port " + port + " (expected 1..65535)");
        }
        return new InetSocketAddress(host, port);
    }

    /** Parses a comma-separated list; blank entries are skipped, the result is never empty. */
    public static List<InetSocketAddress> parseList(String commaSeparated) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) addresses.add(parse(part));
        }
        if (addresses.isEmpty()) throw new IllegalArgumentException("no address in \"" + commaSeparated + "\"");
        return addresses;
    }

    /** {@code host:port} as the user wrote it (no reverse lookup). */
    static String text(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
