package io.chorus.node;

import java.net.InetSocketAddress;

/** A {@code host:port} pair as written in config ({@code [v6]:port} for IPv6 literals). */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is empty");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }

    /** Parses {@code host:port}; the error says what was wrong. */
    public static HostPort parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a numeric port in '" + text + "'");
        }
        return new HostPort(host, port);
    }

    /** Resolves the host now. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
