package io.chorus.node.metrics;

import io.chorus.node.support.CapturedStderr;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printed line of a failed request, as slf4j-simple writes it: the ids an operator greps for. */
class RequestLogTest {
    @Test
    void aFailedRequestsLineCarriesItsClientAndRequestIds() {
        RequestLog log = new RequestLog("n1");
        try (CapturedStderr stderr = new CapturedStderr()) {
            log.failure(3, 17, "put", "ALL", new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2): ALL put of key 'k'"), 212_000, 0);
            log.failure(3, 18, "get", "ONE", new Failure(ErrorKind.TIMEOUT, "(need 1, answered 0): ONE read of key 'k'"), 1_000_000, 0);
            String line = stderr.lineWith("request=17");
            assertTrue(line.endsWith(" INFO io.chorus.node.requests - node=n1 client=3 request=17 op=put consistency=ALL kind=Unavailable"
                    + " latencyMicros=212 request failed: (need 3, alive 2): ALL put of key 'k'"), line);
            assertTrue(stderr.lineWith("request=18").contains(" WARN io.chorus.node.requests - node=n1 client=3 request=18 op=get"),
                    "a timeout is a warning");
        }
    }

    @Test
    void linesPastTheRateLimitAreCountedOnTheNextLine() {
        RequestLog log = new RequestLog("n1");
        try (CapturedStderr stderr = new CapturedStderr()) {
            Failure failure = new Failure(ErrorKind.OVERLOADED, "busy");
            long now = 3_600_000_000_000L; // System.nanoTime on Linux: time since boot, positive
            for (int i = 0; i < RequestLog.LINES_PER_SECOND_MAX + 5; i++) log.failure(4, 100 + i, "get", "ONE", failure, 0, now);
            assertEquals(RequestLog.LINES_PER_SECOND_MAX, stderr.linesWith("client=4 request=").size());
            log.failure(4, 999, "get", "ONE", failure, 0, now + 1_000_000_000L);
            assertTrue(stderr.lineWith("request=999").contains("latencyMicros=0 suppressedBefore=5 request failed: busy"));
        }
    }
}
