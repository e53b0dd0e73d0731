package io.chorus.node.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running node's HTTP endpoint says about it, for {@code cluster status}: whether it is
 * ready (/ready), how many keys it stores and how many requests it has answered (/metrics).
 */
record NodeHealth(String readiness, String keys, String requests) {
    static final NodeHealth UNKNOWN = new NodeHealth("-", "-", "-");
    // Generous: the first HTTP request of a fresh CLI JVM is slow on a loaded machine, and a node that
    // is down refuses the connection at once anyway.
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern ENTRIES = Pattern.compile("(?m)^chorus_storage_entries(?:\\{[^}]*\\})? ([0-9.eE+-]+)$");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^chorus_request_latency_seconds_count\\{[^}]*\\} ([0-9.eE+-]+)$");

    static NodeHealth probe(HttpClient http, String host, int metricsPort) {
        try {
            HttpResponse<String> ready = http.send(get(host, metricsPort, "/ready"), HttpResponse.BodyHandlers.ofString());
            String readiness = ready.statusCode() == 200 ? "ready" : "not ready: " + ready.body().trim();
            String metrics = http.send(get(host, metricsPort, "/metrics"), HttpResponse.BodyHandlers.ofString()).body();
            return new NodeHealth(readiness, keys(metrics), requests(metrics));
        } catch (java.io.IOException e) {
            return new NodeHealth("no answer on :" + metricsPort, "-", "-");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    static String keys(String metrics) {
        Matcher m = ENTRIES.matcher(metrics);
        return m.find() ? Long.toString((long) Double.parseDouble(m.group(1))) : "-";
    }

    /** Requests answered, summed over every operation and level. */
    static String requests(String metrics) {
        Matcher m = REQUESTS.matcher(metrics);
        long total = 0;
        boolean any = false;
        while (m.find()) {
            total += (long) Double.parseDouble(m.group(1));
            any = true;
        }
        return any ? Long.toString(total) : "-";
    }

    private static HttpRequest get(String host, int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).timeout(TIMEOUT).GET().build();
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }
}
