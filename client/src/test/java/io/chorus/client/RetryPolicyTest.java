package io.chorus.client;

import io.chorus.replication.message.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, 50, 1_000);

    @Test
    void retriesOnlyWhatARetryCanChange() {
        assertTrue(policy.retries(ErrorKind.TIMEOUT, 1));
        assertTrue(policy.retries(ErrorKind.OVERLOADED, 1));
        assertFalse(policy.retries(ErrorKind.UNAVAILABLE, 1), "too few replicas for the level: tell the caller");
        assertTrue(policy.retries(ErrorKind.UNAVAILABLE, 2), "a retry that cannot be settled yet");
        for (ErrorKind never : new ErrorKind[]{ErrorKind.INVALID_REQUEST, ErrorKind.SESSION_UNSATISFIED, ErrorKind.TOO_MANY_SIBLINGS}) {
            assertFalse(policy.retries(never, 1), never.displayName());
            assertFalse(policy.retries(never, 2), never.displayName());
        }
        assertFalse(policy.retries(ErrorKind.TIMEOUT, 5), "the fifth attempt is the last");
    }

    @Test
    void backoffDoublesUpToItsMaximumWithJitterInTheUpperHalf() {
        assertEquals(50, policy.backoffMillis(1, 0.999_999));
        assertEquals(25, policy.backoffMillis(1, 0));
        assertEquals(100, policy.backoffMillis(2, 0.999_999));
        assertEquals(400, policy.backoffMillis(4, 0.999_999));
        assertEquals(1_000, policy.backoffMillis(6, 0.999_999), "capped");
        assertEquals(1_000, policy.backoffMillis(999, 0.999_999), "no overflow however many attempts");
        assertEquals(500, policy.backoffMillis(999, 0));
    }

    @Test
    void theWorstCaseBoundsEveryAttemptAndWait() {
        assertEquals(5 * 2_000 + 4 * 1_000, policy.worstCaseMillis(2_000));
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, 50, 1_000));
        assertTrue(e.getMessage().contains("crdtAttemptsMax"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1_001, 50, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, 100, 50));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, -1, 50));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, 50, RetryPolicy.BACKOFF_MAX_LIMIT_MILLIS + 1));
    }
}
