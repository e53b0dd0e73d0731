package io.chorus.node.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeHealthTest {
    static final String METRICS = """
            # HELP chorus_storage_entries keys stored on this node
            # TYPE chorus_storage_entries gauge
            chorus_storage_entries 1234.0
            chorus_request_latency_seconds_count{consistency="QUORUM",op="get"} 10
            chorus_request_latency_seconds_count{consistency="ONE",op="put"} 5
            chorus_request_latency_seconds_sum{consistency="ONE",op="put"} 0.5
            """;

    @Test
    void readsKeysAndSumsRequestsFromPrometheusText() {
        assertEquals("1234", NodeHealth.keys(METRICS));
        assertEquals("15", NodeHealth.requests(METRICS));
        assertEquals("-", NodeHealth.keys("nothing here"));
        assertEquals("-", NodeHealth.requests(""));
    }
}
