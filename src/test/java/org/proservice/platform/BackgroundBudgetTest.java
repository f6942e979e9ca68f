package org.proservice.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background jobs back off while the API is busy and stop when their time budget is spent. */
@QuarkusTest
class BackgroundBudgetTest {

    @Inject
    ApiActivity api;
    @Inject
    BackgroundBudget budget;

    int added;

    @AfterEach
    void quiet() {
        api.adjust(-added);
        added = 0;
    }

    private void busy() {
        added = 100;
        api.adjust(added);
    }

    @Test
    void aQuietApiLetsTheFirstBatchGoAtOnce() {
        BackgroundBudget.Run run = budget.start(Duration.ofSeconds(30));

        assertFalse(budget.apiBusy());
        assertTrue(run.beforeNextBatch());
        assertFalse(run.deferred());
        assertFalse(run.outOfTime());
    }

    @Test
    void aBusyApiMakesTheJobBackOffAndTheBackOffCountsAgainstTheBudget() {
        busy();
        // the test profile's busy pause (1 s) is longer than this budget: the run backs off and runs out of time
        BackgroundBudget.Run run = budget.start(Duration.ofMillis(200));

        assertTrue(budget.apiBusy());
        assertFalse(run.beforeNextBatch());
        assertTrue(run.deferred());
        assertTrue(run.outOfTime());
    }

    @Test
    void aSpentBudgetStopsTheRunBeforeAnyBatch() {
        BackgroundBudget.Run run = budget.start(Duration.ZERO);

        assertFalse(run.beforeNextBatch());
        assertTrue(run.outOfTime());
    }
}
