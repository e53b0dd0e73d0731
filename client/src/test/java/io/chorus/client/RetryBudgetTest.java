package io.chorus.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBudgetTest {
    @Test
    void aBurstIsAllowedThenRetriesStop() {
        RetryBudget budget = new RetryBudget(0.1, 3);
        assertTrue(budget.tryRetry());
        assertTrue(budget.tryRetry());
        assertTrue(budget.tryRetry());
        assertFalse(budget.tryRetry(), "the burst is spent");
        assertEquals(0, budget.retriesAvailable());
    }

    @Test
    void retriesStopWhenMoreThanTheShareOfRecentRequestsWouldBeRetries() {
        RetryBudget budget = new RetryBudget(0.1, 5);
        while (budget.tryRetry()) {
            // spend the initial burst
        }
        int retried = 0;
        int requests = 10_000;
        for (int i = 0; i < requests; i++) { // every request fails and wants a retry: a retry storm
            budget.onFirstSend();
            if (budget.tryRetry()) retried++;
        }
        assertEquals(requests / 10, retried, "retries are held to 10% of requests");
        assertTrue(budget.describe().contains("10%"), budget.describe());
    }

    @Test
    void calmRequestsRefillTheBudgetOnlyUpToItsBurst() {
        RetryBudget budget = new RetryBudget(0.5, 4);
        for (int i = 0; i < 1_000; i++) budget.onFirstSend();
        assertEquals(4, budget.retriesAvailable(), "a long calm period earns no more than the burst");
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new RetryBudget(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0.1, 0));
    }
}
