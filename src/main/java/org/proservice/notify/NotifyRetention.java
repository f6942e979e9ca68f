package org.proservice.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox and the delivery log from growing for ever: every {@code pro.notify.retention.every} it deletes
 * <ul>
 * <li>deliveries that are finished (delivered, failed, cancelled) and unchanged for {@code keep};</li>
 * <li>notices of facts that cannot happen twice ({@code response.stored}, {@code alert.raised}: keyed by the id of
 * an immutable row) that are finished (dispatched or cancelled), older than {@code keep} and have no delivery
 * left.</li>
 * </ul>
 * Reminder notices ({@code task.opened}, {@code task.closing}) stay: their dedup key is what stops a later
 * re-planning of a still open task from reminding the patient a second time. They hold ids only.
 *
 * <p>Deletes run in batches of {@code batch-size} rows, each in its own short transaction, taking rows with
 * {@code FOR UPDATE SKIP LOCKED} so that replicas running the clean-up at the same time, and the delivery worker,
 * never wait on each other. Nothing here touches responses, alerts or the audit trail.
 */
@ApplicationScoped
public class NotifyRetention {

    private static final Logger LOG = Logger.getLogger(NotifyRetention.class);
    static final List<String> ONE_OFF_TYPES = List.of(NoticeTypes.RESPONSE_STORED, NoticeTypes.ALERT_RAISED);

    @Inject
    NotifySettings settings;

    @Inject
    EntityManager em;

    private volatile boolean started;

    /** After the schema migration (the tables exist from here on). */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        started = true;
    }

    /** What one run removed. */
    public record Removed(int deliveries, int notices) {
    }

    @Scheduled(identity = "pro-notify-retention", every = "${pro.notify.retention.every:1h}", delayed = "1m",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        if (!started || !settings.retention().enabled()) {
            return;
        }
        try {
            Removed removed = run(Instant.now().minus(settings.retention().keep()));
            if (removed.deliveries() + removed.notices() > 0) {
                LOG.infof("Notification retention removed %d deliveries and %d notices older than %s",
                        removed.deliveries(), removed.notices(), settings.retention().keep());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Notification retention failed (%s); it runs again later", e.getClass().getName());
            LOG.debug("Notification retention failure", e);
        }
    }

    /** Deletes what finished before {@code cutoff}, batch by batch, until nothing is left. */
    public Removed run(Instant cutoff) {
        int batch = Math.max(1, settings.retention().batchSize());
        int deliveries = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    DELETE FROM webhook_delivery WHERE id IN (
                        SELECT id FROM webhook_delivery
                        WHERE state IN ('delivered', 'failed', 'cancelled') AND updated_at < :cutoff
                        LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                    .setParameter("cutoff", cutoff)
                    .setParameter("batch", batch)
                    .executeUpdate());
            deliveries += n;
        } while (n == batch);
        int notices = 0;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    DELETE FROM outbox_event WHERE id IN (
                        SELECT o.id FROM outbox_event o
                        WHERE o.state <> 'pending' AND o.created_at < :cutoff AND o.event_type IN (:types)
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = o.id)
                        LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                    .setParameter("cutoff", cutoff)
                    .setParameter("types", ONE_OFF_TYPES)
                    .setParameter("batch", batch)
                    .executeUpdate());
            notices += n;
        } while (n == batch);
        return new Removed(deliveries, notices);
    }
}
