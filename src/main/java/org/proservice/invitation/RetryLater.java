package org.proservice.invitation;

import java.time.Duration;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemException;

/** A refusal that tells the caller when to try again ({@code Retry-After}, whole seconds, rounded up). */
public class RetryLater extends ProblemException implements org.proservice.error.RetryAfter {

    private final long seconds;

    public RetryLater(ErrorCode code, String detail, Duration wait) {
        super(code, detail);
        this.seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    @Override
    public long retryAfterSeconds() {
        return seconds;
    }
}
