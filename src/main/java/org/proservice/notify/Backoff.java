package org.proservice.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": after attempt n (1-based) the next one waits
 * {@code d/2 + random(0, d/2)} with {@code d = min(max, base * 2^(n-1))} - so receivers that fail together do not
 * get retried together, and no wait exceeds {@code max}.
 */
public record Backoff(Duration base, Duration max) {

    public Duration delayAfter(int attempt) {
        long baseMillis = Math.max(1, base.toMillis());
        long capMillis = Math.max(baseMillis, max.toMillis());
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long d = baseMillis > (capMillis >> shift) ? capMillis : Math.min(capMillis, baseMillis << shift);
        long half = d / 2;
        return Duration.ofMillis(d - half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
