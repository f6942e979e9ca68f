package org.proservice.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of outbox fan-out and webhook delivery ({@code pro.notify.*}, environment {@code PRO_NOTIFY_*}). */
@ConfigMapping(prefix = "pro.notify")
public interface NotifySettings {

    /** Whether this instance runs the delivery worker. Every replica may; they share the work safely. */
    @WithDefault("true")
    boolean enabled();

    /** How often the worker polls for due notices and deliveries (read by the scheduler, e.g. {@code 2s}). */
    @WithDefault("2s")
    String pollInterval();

    /** Notices fanned out and deliveries claimed per poll, each. */
    @WithDefault("50")
    int batchSize();

    /** Attempts before a delivery is marked failed (an admin can redeliver it). */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; doubled for each further attempt (with jitter) up to {@link #backoffMax()}. */
    @WithDefault("10s")
    Duration backoffBase();

    @WithDefault("1h")
    Duration backoffMax();

    /** How long a claimed delivery is reserved for this instance; after that another instance may take it over. */
    @WithDefault("60s")
    Duration lease();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for the receiver's answer (must stay well below the lease). */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Whether webhook URLs may point at loopback, private, link-local or unique-local addresses. Off in production
     * (the service must not be a way into the cluster network); on in dev and test for local receivers.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /**
     * Whether webhook URLs may use plain {@code http}. Off in production: a subscription with an {@code http://} URL
     * is refused (422, PRO-1410) and an existing one is not called. On in dev and test, for local receivers.
     */
    @WithDefault("false")
    boolean allowHttp();

    /** Name of this instance in claims ({@code locked_by}); default: host name and a random suffix. */
    Optional<String> instanceId();

    /** Clean-up of finished notices and deliveries ({@code pro.notify.retention.*}). */
    Retention retention();

    interface Retention {

        /** Whether this instance runs the clean-up. Every replica may; they skip each other's rows. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long finished deliveries (delivered, failed, cancelled) and finished notices stay, counted from their
         * last change. After that the delivery log no longer shows them and a failed delivery can no longer be
         * redelivered.
         */
        @WithDefault("P90D")
        Duration keep();

        /** How often the clean-up runs (read by the scheduler, e.g. {@code 1h}). */
        @WithDefault("1h")
        String every();

        /** How long after start-up the first clean-up runs (read by the scheduler, e.g. {@code 1m}). */
        @WithDefault("1m")
        String firstRunAfter();

        /** Rows deleted per statement (short transactions: the delivery worker is never held up for long). */
        @WithDefault("1000")
        int batchSize();

        /**
         * The most one run may take, pauses and back-offs included ({@code pro.background.*}); rows left over wait
         * for the next run.
         */
        @WithDefault("PT2M")
        Duration runBudget();
    }
}
