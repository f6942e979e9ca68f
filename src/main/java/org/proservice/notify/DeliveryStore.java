package org.proservice.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;

/**
 * The worker's database steps, each one short transaction of its own. Rows are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances polling the same database never take the same row; a
 * claimed delivery is leased ({@code locked_until}) and handed to another instance only when the lease expires.
 * No HTTP call happens inside these transactions.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    @Any
    Instance<NoticeGuard> guards;

    @Inject
    AuditLog audit;

    /**
     * A delivery this instance holds the lease of, with what it takes to send it. {@code secrets}: the current
     * secret, then the previous one while a rotation's overlap lasts; each signs the delivery.
     */
    public record Claimed(UUID deliveryId, int attempt, UUID subscriptionId, String url, List<String> secrets,
            Notice notice) {

        @Override
        public String toString() {
            return "Claimed[" + deliveryId + ", attempt " + attempt + "]"; // never the secrets or the URL
        }
    }

    /**
     * The outcome of one attempt; {@code statusCode} null when no HTTP answer came; {@code refused} when the target
     * policy stopped it before anything was sent.
     */
    public record Attempt(Claimed claimed, boolean delivered, Integer statusCode, String error, boolean refused) {

        public Attempt(Claimed claimed, boolean delivered, Integer statusCode, String error) {
            this(claimed, delivered, statusCode, error, false);
        }
    }

    /**
     * Fans due notices out: for each pending notice whose time has come, one delivery per active subscription of its
     * study that subscribed to its type; the notice becomes {@code dispatched} (or {@code cancelled} when a guard
     * withdraws it).
     *
     * @return the number of notices handled
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int fanOut(int limit) {
        List<Object[]> rows = rows(em.createNativeQuery("""
                SELECT id, study_id, event_type, dedup_key, available_at, CAST(payload AS text)
                FROM outbox_event
                WHERE state = 'pending' AND available_at <= now()
                ORDER BY available_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""").setParameter("limit", limit).getResultList());
        for (Object[] row : rows) {
            Notice notice = new Notice(uuid(row[0]), uuid(row[1]), (String) row[2], (String) row[3], instant(row[4]),
                    parse((String) row[5]));
            if (!shouldDeliver(notice)) {
                em.createNativeQuery("""
                        UPDATE outbox_event SET state = 'cancelled', cancelled_at = now(), cancel_reason = 'not_relevant'
                        WHERE id = :id""").setParameter("id", notice.id()).executeUpdate();
                continue;
            }
            em.createNativeQuery("""
                    INSERT INTO webhook_delivery
                        (id, subscription_id, event_id, state, attempt_count, next_attempt_at, created_at, updated_at)
                    SELECT gen_random_uuid(), s.id, :event, 'pending', 0, now(), now(), now()
                    FROM webhook_subscription s
                    WHERE s.study_id = :study AND s.deleted_at IS NULL AND CAST(:type AS text) = ANY (s.event_types)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING""")
                    .setParameter("event", notice.id())
                    .setParameter("study", notice.studyId())
                    .setParameter("type", notice.type())
                    .executeUpdate();
            em.createNativeQuery("UPDATE outbox_event SET state = 'dispatched', dispatched_at = now() WHERE id = :id")
                    .setParameter("id", notice.id()).executeUpdate();
        }
        return rows.size();
    }

    /**
     * Takes up to {@code limit} deliveries that are due (or whose lease expired) for {@code instanceId}: each gets
     * one more attempt counted and a lease until now + {@code lease}. Deliveries that used up their attempts while
     * leased by a crashed instance become {@code failed}; those of deleted subscriptions or withdrawn notices
     * become {@code cancelled}. The rest are returned, to be sent outside any transaction.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Claimed> claim(String instanceId, int limit, Duration lease, int maxAttempts) {
        List<Object> ids = em.createNativeQuery("""
                SELECT id FROM webhook_delivery
                WHERE (state = 'pending' AND next_attempt_at <= now())
                   OR (state = 'in_flight' AND locked_until <= now())
                ORDER BY next_attempt_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""").setParameter("limit", limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> claimedIds = ids.stream().map(DeliveryStore::uuid).toList();
        em.createNativeQuery("""
                UPDATE webhook_delivery
                SET state = 'in_flight', attempt_count = attempt_count + 1, locked_by = :me,
                    locked_until = now() + :leaseMillis * interval '1 millisecond',
                    last_attempt_at = now(), updated_at = now()
                WHERE id IN (:ids)""")
                .setParameter("me", instanceId)
                .setParameter("leaseMillis", lease.toMillis())
                .setParameter("ids", claimedIds)
                .executeUpdate();
        List<Object[]> rows = rows(em.createNativeQuery("""
                SELECT d.id, d.attempt_count, s.id, s.url, s.secret, s.deleted_at IS NOT NULL,
                       e.id, e.study_id, e.event_type, e.dedup_key, e.available_at, CAST(e.payload AS text),
                       CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END
                FROM webhook_delivery d
                JOIN webhook_subscription s ON s.id = d.subscription_id
                JOIN outbox_event e ON e.id = d.event_id
                WHERE d.id IN (:ids)
                ORDER BY d.next_attempt_at, d.id""").setParameter("ids", claimedIds).getResultList());
        List<Claimed> toSend = new ArrayList<>();
        for (Object[] row : rows) {
            UUID deliveryId = uuid(row[0]);
            int attempt = ((Number) row[1]).intValue();
            if (Boolean.TRUE.equals(row[5])) {
                finish(deliveryId, WebhookDelivery.CANCELLED, "cancelled: subscription deleted");
                continue;
            }
            if (attempt > maxAttempts) {
                finish(deliveryId, WebhookDelivery.FAILED, "lease expired during the last attempt");
                continue;
            }
            Notice notice = new Notice(uuid(row[6]), uuid(row[7]), (String) row[8], (String) row[9],
                    instant(row[10]), parse((String) row[11]));
            if (!shouldDeliver(notice)) {
                finish(deliveryId, WebhookDelivery.CANCELLED, "cancelled: notice no longer relevant");
                continue;
            }
            List<String> secrets = row[12] == null ? List.of((String) row[4])
                    : List.of((String) row[4], (String) row[12]);
            toSend.add(new Claimed(deliveryId, attempt, uuid(row[2]), (String) row[3], secrets, notice));
        }
        return toSend;
    }

    /**
     * Records attempts made by {@code instanceId}: 2xx delivered; otherwise pending again after {@code retryDelay}
     * or failed when the attempts are used up. An attempt whose lease was meanwhile taken over by another instance
     * is not recorded (that instance's result counts). Every attempt - also one whose lease was lost - is written to
     * the audit trail, one row each ({@link #auditAttempt}).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void record(String instanceId, List<Attempt> attempts, int maxAttempts, Backoff backoff) {
        for (Attempt a : attempts) {
            Claimed c = a.claimed();
            String error = a.error() == null ? null : truncate(a.error(), 500);
            int updated;
            if (a.delivered()) {
                updated = em.createNativeQuery("""
                        UPDATE webhook_delivery
                        SET state = 'delivered', delivered_at = now(), last_status_code = :status, last_error = NULL,
                            locked_by = NULL, locked_until = NULL, updated_at = now()
                        WHERE id = :id AND state = 'in_flight' AND locked_by = :me AND attempt_count = :attempt""")
                        .setParameter("status", a.statusCode())
                        .setParameter("id", c.deliveryId()).setParameter("me", instanceId)
                        .setParameter("attempt", c.attempt())
                        .executeUpdate();
            } else {
                boolean last = c.attempt() >= maxAttempts;
                long delayMillis = last ? 0 : backoff.delayAfter(c.attempt()).toMillis();
                updated = em.createNativeQuery("""
                        UPDATE webhook_delivery
                        SET state = :state, last_status_code = :status, last_error = :error,
                            next_attempt_at = now() + :delayMillis * interval '1 millisecond',
                            locked_by = NULL, locked_until = NULL, updated_at = now()
                        WHERE id = :id AND state = 'in_flight' AND locked_by = :me AND attempt_count = :attempt""")
                        .unwrap(NativeQuery.class)
                        .setParameter("status", a.statusCode(), Integer.class)
                        .setParameter("state", last ? WebhookDelivery.FAILED : WebhookDelivery.PENDING)
                        .setParameter("error", error, String.class)
                        .setParameter("delayMillis", delayMillis)
                        .setParameter("id", c.deliveryId()).setParameter("me", instanceId)
                        .setParameter("attempt", c.attempt())
                        .executeUpdate();
            }
            if (updated == 0) {
                LOG.debugf("Delivery %s: lease lost before its result was recorded", c.deliveryId());
            }
            auditAttempt(instanceId, a, a.delivered() ? "delivered" : c.attempt() >= maxAttempts ? "failed" : "retry",
                    updated > 0);
        }
    }

    /**
     * The audit row of one delivery attempt: action {@code deliver} on the {@code webhook_delivery}, with the study
     * and the patient the notice names (so that "what went out about patient X" is answered by the audit trail),
     * outcome {@code allowed} when the request was sent and {@code denied} when the target policy stopped it. The
     * detail holds ids, the result, the HTTP status or the class of the error - never the body, the URL or a secret.
     * The actor is {@code system} (the worker runs outside any request). This is the one place where notify writes
     * delivery audit rows.
     */
    void auditAttempt(String instanceId, Attempt a, String result, boolean recorded) {
        Claimed c = a.claimed();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("result", result);
        detail.put("attempt", c.attempt());
        detail.put("subscriptionId", c.subscriptionId().toString());
        detail.put("eventId", c.notice().id().toString());
        detail.put("eventType", c.notice().type());
        if (a.statusCode() != null) {
            detail.put("statusCode", a.statusCode());
        }
        if (a.error() != null) {
            detail.put("error", truncate(a.error(), 200));
        }
        detail.put("instance", instanceId);
        if (!recorded) {
            detail.put("leaseLost", true); // another instance had taken the delivery over; its result counts
        }
        var event = audit.event(AuditAction.DELIVER, AuditResource.WEBHOOK_DELIVERY).id(c.deliveryId())
                .patient(patientOf(c.notice())).study(c.notice().studyId()).detail(detail);
        if (a.refused()) {
            event.denied();
        } else {
            event.allowed();
        }
    }

    private static UUID patientOf(Notice notice) {
        Object id = notice.data() == null ? null : notice.data().get("patientId");
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void finish(UUID deliveryId, String state, String error) {
        em.createNativeQuery("""
                UPDATE webhook_delivery
                SET state = :state, last_error = :error, locked_by = NULL, locked_until = NULL, updated_at = now()
                WHERE id = :id""")
                .setParameter("state", state).setParameter("error", error).setParameter("id", deliveryId)
                .executeUpdate();
    }

    private boolean shouldDeliver(Notice notice) {
        for (NoticeGuard guard : guards) {
            try {
                if (!guard.shouldDeliver(notice)) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Notice guard %s failed for notice %s (%s); delivering", guard.getClass().getName(),
                        notice.id(), e.getClass().getSimpleName());
            }
        }
        return true;
    }

    private Map<String, Object> parse(String payload) {
        try {
            return json.readValue(payload, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("outbox payload is not a JSON object", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass().getName());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
