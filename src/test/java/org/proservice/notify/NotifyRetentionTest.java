package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.platform.BackgroundBudget;
import org.proservice.support.Fixtures;

/**
 * Retention of the outbox and the delivery log: finished rows older than the cut-off go, everything else stays -
 * recent rows, unfinished deliveries and their notices, pending notices, and reminder notices (dedup tombstones).
 */
@QuarkusTest
class NotifyRetentionTest {

    @Inject
    Fixtures fixtures;
    @Inject
    NotifyRetention retention;
    @Inject
    EntityManager em;
    @Inject
    BackgroundBudget budget;

    final Instant now = Instant.now();
    final Instant old = now.minus(Duration.ofDays(120));
    final Instant farFuture = now.plus(Duration.ofDays(365));

    UUID study;
    UUID subscription;

    @Test
    void finishedRowsOlderThanTheCutOffGoAndNothingElse() {
        study = fixtures.study("Retention " + UUID.randomUUID());
        subscription = NotifyTestSupport.subscribe(study, "http://127.0.0.1:9/never", "whsec_bm90aWZ5LXJldGVudGlvbi10ZXN0LXNlYzEx",
                NoticeTypes.RESPONSE_STORED);

        UUID oldDone = event(NoticeTypes.RESPONSE_STORED, "dispatched", old, old);
        UUID oldDoneDelivered = delivery(oldDone, "delivered", old, old);
        UUID oldAlert = event(NoticeTypes.ALERT_RAISED, "cancelled", old, old);
        UUID oldFailed = event(NoticeTypes.RESPONSE_STORED, "dispatched", old, old);
        UUID oldFailedDelivery = delivery(oldFailed, "failed", old, old);
        UUID recent = event(NoticeTypes.RESPONSE_STORED, "dispatched", now, now);
        UUID recentDelivery = delivery(recent, "delivered", now, now);
        UUID waiting = event(NoticeTypes.RESPONSE_STORED, "dispatched", old, old);
        UUID waitingDelivery = delivery(waiting, "pending", old, farFuture);
        UUID oldReminder = event(NoticeTypes.TASK_OPENED, "dispatched", old, old);
        UUID oldPending = event(NoticeTypes.RESPONSE_STORED, "pending", old, farFuture);

        NotifyRetention.Removed removed = retention.run(now.minus(Duration.ofDays(90)));

        assertTrue(removed.deliveries() >= 2, "removed " + removed);
        assertTrue(removed.notices() >= 3, "removed " + removed);
        assertEquals(0, count("webhook_delivery", oldDoneDelivered));
        assertEquals(0, count("webhook_delivery", oldFailedDelivery));
        assertEquals(0, count("outbox_event", oldDone));
        assertEquals(0, count("outbox_event", oldFailed));
        assertEquals(0, count("outbox_event", oldAlert));
        assertEquals(1, count("outbox_event", recent), "recent notice stays");
        assertEquals(1, count("webhook_delivery", recentDelivery), "recent delivery stays");
        assertEquals(1, count("webhook_delivery", waitingDelivery), "an unfinished delivery stays");
        assertEquals(1, count("outbox_event", waiting), "a notice with a delivery left stays");
        assertEquals(1, count("outbox_event", oldReminder), "reminders stay as dedup tombstones");
        assertEquals(1, count("outbox_event", oldPending), "a pending notice stays");

        assertEquals(new NotifyRetention.Removed(0, 0, true), retention.run(now.minus(Duration.ofDays(90))),
                "a second run finds nothing");
    }

    @Test
    void aBacklogLargerThanOneBatchIsRemovedBatchByBatchInOneRun() {
        study = fixtures.study("Retention backlog " + UUID.randomUUID());
        int backlog = 2 * 1000 + 345; // the test profile's batch size is the default, 1000
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO outbox_event (id, study_id, event_type, dedup_key, payload, created_at, available_at, state,
                                          dispatched_at)
                SELECT gen_random_uuid(), :study, 'response.stored', 'backlog:' || gen_random_uuid(),
                       CAST('{}' AS jsonb), :old, :old, 'dispatched', :old
                FROM generate_series(1, :n)""")
                .setParameter("study", study).setParameter("old", old).setParameter("n", backlog).executeUpdate());

        NotifyRetention.Removed removed = retention.run(now.minus(Duration.ofDays(90)));

        assertTrue(removed.complete(), "removed " + removed);
        assertTrue(removed.notices() >= backlog, "removed " + removed);
        assertEquals(0, countInStudy());
    }

    @Test
    void aRunWhoseTimeBudgetIsSpentStopsAndLeavesTheRestForTheNextRun() {
        study = fixtures.study("Retention budget " + UUID.randomUUID());
        UUID oldDone = event(NoticeTypes.RESPONSE_STORED, "dispatched", old, old);

        NotifyRetention.Removed removed = retention.run(now.minus(Duration.ofDays(90)), budget.start(Duration.ZERO));

        assertEquals(new NotifyRetention.Removed(0, 0, false), removed);
        assertEquals(1, count("outbox_event", oldDone), "nothing is deleted once the budget is spent");
        assertTrue(retention.run(now.minus(Duration.ofDays(90))).complete());
        assertEquals(0, count("outbox_event", oldDone), "the next run goes on");
    }

    private long countInStudy() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE study_id = :s").setParameter("s", study)
                .getSingleResult()).longValue());
    }

    private UUID event(String type, String state, Instant created, Instant availableAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO outbox_event (id, study_id, event_type, dedup_key, payload, created_at, available_at, state,
                                          dispatched_at, cancelled_at)
                VALUES (:id, :study, :type, :key, CAST('{}' AS jsonb), :created, :at, :state,
                        CASE WHEN :state = 'dispatched' THEN CAST(:created AS timestamptz) END,
                        CASE WHEN :state = 'cancelled' THEN CAST(:created AS timestamptz) END)""")
                .setParameter("id", id).setParameter("study", study).setParameter("type", type)
                .setParameter("key", type + ":" + id).setParameter("created", created).setParameter("at", availableAt)
                .setParameter("state", state).executeUpdate());
        return id;
    }

    private UUID delivery(UUID eventId, String state, Instant updated, Instant nextAttempt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO webhook_delivery (id, subscription_id, event_id, state, attempt_count, next_attempt_at,
                                              created_at, updated_at)
                VALUES (:id, :sub, :event, :state, 1, :next, :updated, :updated)""")
                .setParameter("id", id).setParameter("sub", subscription).setParameter("event", eventId)
                .setParameter("state", state).setParameter("next", nextAttempt).setParameter("updated", updated)
                .executeUpdate());
        return id;
    }

    private long count(String table, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM " + table + " WHERE id = :id").setParameter("id", id)
                .getSingleResult()).longValue());
    }
}
