package io.chorus.client;

import io.chorus.replication.message.ErrorKind;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, 50, 1_000);

    @Test
    void sendsAreBoundedByAttemptsMax() {
        assertTrue(policy.allowsAnother(1));
        assertTrue(policy.allowsAnother(4));
        assertFalse(policy.allowsAnother(5), "the fifth send is the last");
    }

    @Test
    void theBoundDoublesPerRoundUpToItsMaximumWithoutOverflow() {
        assertEquals(50, policy.backoffCapMillis(1));
        assertEquals(100, policy.backoffCapMillis(2));
        assertEquals(400, policy.backoffCapMillis(4));
        assertEquals(1_000, policy.backoffCapMillis(6), "capped");
        assertEquals(1_000, policy.backoffCapMillis(999), "no overflow however many rounds");
    }

    @Test
    void fullJitterDrawsAnywhereFromZeroToTheBound() {
        assertEquals(0, policy.backoffMillis(1, 0));
        assertEquals(49, policy.backoffMillis(1, 0.999_999));
        assertEquals(25, policy.backoffMillis(1, 0.5));
        assertEquals(999, policy.backoffMillis(999, 0.999_999));
    }

    /** On a seeded random sequence: every wait within its round's bound, the waits jittered, and growing round by round. */
    @Test
    void intervalsGrowAndAreJitteredOnASeededSequence() {
        SplittableRandom random = new SplittableRandom(42);
        int rounds = 6;
        int clients = 200; // as many clients failing together
        double[] meanMillis = new double[rounds + 1];
        for (int round = 1; round <= rounds; round++) {
            long cap = policy.backoffCapMillis(round);
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            long sum = 0;
            for (int client = 0; client < clients; client++) {
                long wait = policy.backoffMillis(round, random.nextDouble());
                assertTrue(wait >= 0 && wait <= cap, "round " + round + " waited " + wait + " ms, bound " + cap);
                distinct.add(wait);
                sum += wait;
            }
            meanMillis[round] = (double) sum / clients;
            assertTrue(distinct.size() > Math.min(cap, clients) / 4, "round " + round + ": clients would retry in step: " + distinct.size() + " distinct waits");
            assertEquals(cap / 2.0, meanMillis[round], cap * 0.15, "full jitter averages half the bound");
        }
        for (int round = 2; round <= 5; round++) {
            assertTrue(meanMillis[round] > meanMillis[round - 1] * 1.5, "round " + round + " waits longer: " + java.util.Arrays.toString(meanMillis));
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, 50, 1_000));
        assertTrue(e.getMessage().contains("attemptsMax"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1_001, 50, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, 100, 50));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, -1, 50));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, 50, RetryPolicy.BACKOFF_MAX_LIMIT_MILLIS + 1));
    }

    @Test
    void onlyFailuresThatAppliedNothingRetryAPlainWrite() {
        assertTrue(Resend.PLAIN_WRITE.mayRetryAfter(ErrorKind.UNAVAILABLE));
        assertTrue(Resend.PLAIN_WRITE.mayRetryAfter(ErrorKind.OVERLOADED));
        assertFalse(Resend.PLAIN_WRITE.mayRetryAfter(ErrorKind.TIMEOUT), "indeterminate without an operation id");
        assertFalse(Resend.PLAIN_WRITE.mayRetryUnknownOutcome());
        assertTrue(Resend.IDEMPOTENT_WRITE.mayRetryAfter(ErrorKind.TIMEOUT), "same operation id");
        assertTrue(Resend.READ.mayRetryAfter(ErrorKind.TIMEOUT));
        for (Resend kind : Resend.values()) {
            assertFalse(kind.mayRetryAfter(ErrorKind.INVALID_REQUEST), kind.name());
            assertFalse(kind.mayRetryAfter(ErrorKind.TOO_MANY_SIBLINGS), kind.name());
        }
    }
}
