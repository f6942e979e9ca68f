package org.proservice.error;

/** A {@link ProblemException} that also sets {@code Retry-After} (seconds) on its response. */
public interface RetryAfter {

    long retryAfterSeconds();
}
