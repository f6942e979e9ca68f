package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));

    @RepeatedTest(20)
    void delayDoublesPerAttemptWithinItsJitterBand() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long full = Math.min(3_600_000L, 10_000L << (attempt - 1));
            long d = backoff.delayAfter(attempt).toMillis();
            assertTrue(d >= full / 2 && d <= full, "attempt " + attempt + ": " + d + " ms not in [" + full / 2
                    + ", " + full + "]");
        }
    }

    @Test
    void delayNeverExceedsTheCapEvenForHugeAttemptNumbers() {
        // From attempt 10 on, 10 s * 2^(n-1) exceeds the 1 h cap (attempt 9: 2560 s, jitter band [1280 s, 2560 s]).
        for (int attempt : new int[] { 10, 20, 31, 32, 63, 64, 1000, Integer.MAX_VALUE }) {
            long d = backoff.delayAfter(attempt).toMillis();
            assertTrue(d >= 1_800_000L && d <= 3_600_000L, attempt + ": " + d);
        }
    }

    @Test
    void zeroOrNegativeAttemptIsTreatedAsTheFirst() {
        long d = backoff.delayAfter(0).toMillis();
        assertTrue(d >= 5_000 && d <= 10_000);
    }
}
