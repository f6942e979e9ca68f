package org.proservice.platform;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rules every background job follows so that maintenance never competes with the API: work in bounded batches,
 * pause between batches, stop when the run's time budget is spent (the next run continues), and back off while the
 * API is busy - {@code pro.background.busy-in-flight} or more API requests in flight, or requests waiting for a
 * database connection: a busy API slows a job to one batch per {@code pro.background.busy-pause}.
 *
 * <p>Usage: {@code BackgroundBudget.Run run = budget.start(timeBudget); while (more && run.beforeNextBatch()) ...}.
 */
@ApplicationScoped
public class BackgroundBudget {

    private final ApiActivity api;
    private final AgroalDataSource dataSource;
    private final int busyInFlight;
    private final Duration pause;
    private final Duration busyPause;

    @Inject
    BackgroundBudget(ApiActivity api, AgroalDataSource dataSource,
            @ConfigProperty(name = "pro.background.busy-in-flight", defaultValue = "4") int busyInFlight,
            @ConfigProperty(name = "pro.background.pause", defaultValue = "PT0.05S") Duration pause,
            @ConfigProperty(name = "pro.background.busy-pause", defaultValue = "PT1S") Duration busyPause) {
        this.api = api;
        this.dataSource = dataSource;
        this.busyInFlight = Math.max(1, busyInFlight);
        this.pause = pause;
        this.busyPause = busyPause;
    }

    /** Whether the API is busy enough that background work should wait. */
    public boolean apiBusy() {
        return api.inFlight() >= busyInFlight || poolWaiters() > 0;
    }

    private long poolWaiters() {
        try {
            return dataSource.getMetrics().awaitingCount();
        } catch (RuntimeException metricsUnavailable) {
            return 0;
        }
    }

    /** Starts a run that may take {@code timeBudget} in all. */
    public Run start(Duration timeBudget) {
        return new Run(Instant.now().plus(timeBudget), this::apiBusy, pause, busyPause);
    }

    /** One run of a background job: its deadline and how it waits between batches. */
    public static final class Run {
        private final Instant deadline;
        private final BooleanSupplier busy;
        private final Duration pause;
        private final Duration busyPause;
        private boolean first = true;
        private boolean deferred;
        private boolean outOfTime;

        Run(Instant deadline, BooleanSupplier busy, Duration pause, Duration busyPause) {
            this.deadline = deadline;
            this.busy = busy;
            this.pause = pause;
            this.busyPause = busyPause;
        }

        /**
         * Waits before the next batch: the pause (not before the first batch), then the busy pause if the API is busy.
         * Returns false when the run's time is up; the job then stops and leaves the rest to its next run.
         */
        public boolean beforeNextBatch() {
            if (!first && !sleep(pause)) {
                return false;
            }
            first = false;
            if (busy.getAsBoolean()) {
                // Back off, then go on with one batch: under sustained load the job slows to one batch per
                // busy-pause instead of stopping, so a backlog still shrinks without competing for the database.
                deferred = true;
                if (!sleep(busyPause)) {
                    return false;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                outOfTime = true;
                return false;
            }
            return true;
        }

        /** Whether the run waited at least once because the API was busy. */
        public boolean deferred() {
            return deferred;
        }

        /** Whether the run stopped because its time budget was spent. */
        public boolean outOfTime() {
            return outOfTime;
        }

        private boolean sleep(Duration d) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                outOfTime = true;
                return false;
            }
            try {
                if (d.compareTo(left) >= 0) {
                    // a pause that reaches the deadline ends the run: nothing would be left for a batch
                    Thread.sleep(left.toMillis() + 1);
                    outOfTime = true;
                    return false;
                }
                Thread.sleep(d.toMillis());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outOfTime = true;
                return false;
            }
        }
    }
}
