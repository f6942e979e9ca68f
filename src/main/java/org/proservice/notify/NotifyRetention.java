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
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;
import org.proservice.platform.BackgroundBudget;

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
 * never wait on each other. A run follows the {@link BackgroundBudget}: a pause between batches, a time budget
 * ({@code pro.notify.retention.run-budget}; what is left waits for the next run) and a back-off while the API is
 * busy, so that a large backlog (an upgrade, an outage) is worked off without competing with clinicians and
 * patients. Nothing here touches responses, alerts or the audit trail.
 */
@ApplicationScoped
public class NotifyRetention {

    private static final Logger LOG = Logger.getLogger(NotifyRetention.class);
    static final List<String> ONE_OFF_TYPES = List.of(NoticeTypes.RESPONSE_STORED, NoticeTypes.ALERT_RAISED);

    @Inject
    NotifySettings settings;

    @Inject
    EntityManager em;

    @Inject
    BackgroundBudget budget;

    private volatile boolean started;

    /** After the schema migration (the tables exist from here on). */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        started = true;
    }

    /** What one run removed, and whether it finished (false: its time budget ran out with rows left). */
    public record Removed(int deliveries, int notices, boolean complete) {
    }

    @Scheduled(identity = "pro-notify-retention", every = "${pro.notify.retention.every:1h}",
            delayed = "${pro.notify.retention.first-run-after:1m}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        if (!started || !settings.retention().enabled()) {
            return;
        }
        try {
            Removed removed = run(Instant.now().minus(settings.retention().keep()));
            if (removed.deliveries() + removed.notices() > 0 || !removed.complete()) {
                LOG.infof("Notification retention removed %d deliveries and %d notices older than %s%s",
                        removed.deliveries(), removed.notices(), settings.retention().keep(),
                        removed.complete() ? "" : "; its time budget is spent, the next run goes on");
            }
        } catch (RuntimeException e) {
            LOG.warnf("Notification retention failed (%s); it runs again later", e.getClass().getName());
            LOG.debug("Notification retention failure", e);
        }
    }

    /** Deletes what finished before {@code cutoff}, batch by batch, within one run's budget. */
    public Removed run(Instant cutoff) {
        return run(cutoff, budget.start(settings.retention().runBudget()));
    }

    /** The same within {@code run}'s budget. */
    public Removed run(Instant cutoff, BackgroundBudget.Run run) {
        int batch = Math.max(1, settings.retention().batchSize());
        Batches deliveries = batches(run, batch, () -> QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("""
                        DELETE FROM webhook_delivery WHERE id IN (
                            SELECT id FROM webhook_delivery
                            WHERE state IN ('delivered', 'failed', 'cancelled') AND updated_at < :cutoff
                            LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batch)
                .executeUpdate()));
        if (!deliveries.complete()) {
            return new Removed(deliveries.rows(), 0, false);
        }
        Batches notices = batches(run, batch, () -> QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("""
                        DELETE FROM outbox_event WHERE id IN (
                            SELECT o.id FROM outbox_event o
                            WHERE o.state <> 'pending' AND o.created_at < :cutoff AND o.event_type IN (:types)
                              AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = o.id)
                            LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .setParameter("cutoff", cutoff)
                .setParameter("types", ONE_OFF_TYPES)
                .setParameter("batch", batch)
                .executeUpdate()));
        return new Removed(deliveries.rows(), notices.rows(), notices.complete());
    }

    private record Batches(int rows, boolean complete) {
    }

    /** Runs {@code deleteBatch} until a batch comes back short (done) or the run's budget says stop. */
    private static Batches batches(BackgroundBudget.Run run, int batch, IntSupplier deleteBatch) {
        int rows = 0;
        while (run.beforeNextBatch()) {
            int n = deleteBatch.getAsInt();
            rows += n;
            if (n < batch) {
                return new Batches(rows, true);
            }
        }
        return new Batches(rows, false);
    }
}
