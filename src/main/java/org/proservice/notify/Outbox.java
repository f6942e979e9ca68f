package org.proservice.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional outbox: the one way a feature publishes a notice. Every method requires the caller's running
 * transaction ({@link TxType#MANDATORY}), so the notice commits or rolls back together with the fact behind it (the
 * response, the alert, the task) - never a notice for a fact that was rolled back, never a fact without its notice.
 * A scheduled worker later fans the notice out to the study's webhook subscriptions and delivers it (see
 * {@link WebhookSignature} for what receivers get).
 *
 * <h2>Dedup keys</h2>
 * The dedup key is unique for ever (also after the notice was sent or cancelled). Build it from the identity of the
 * fact, not from times that a protocol change can move:
 * <ul>
 * <li>{@code alert.raised:<alertId>}, {@code response.stored:<responseId>};</li>
 * <li>reminders: {@code task.opened:<enrollmentId>:<timepointKey>:<instrumentId>} and
 * {@code task.closing:<enrollmentId>:<timepointKey>:<instrumentId>} - one of each per task, whatever its window.</li>
 * </ul>
 * A second {@link #enqueue} with the same key does nothing; {@link #schedule} moves a still pending notice to its
 * new time (a protocol change) and otherwise does nothing; {@link #cancel} withdraws pending notices by key
 * (a task completed or excused). For the cases a publisher cannot foresee, a {@link NoticeGuard} is asked again
 * right before delivery.
 *
 * <h2>Payload</h2>
 * The payload becomes {@code data} of the webhook body. Build it with {@link NoticeData}: ids and links, nothing
 * clinical (no rule codes, flags, scores, bands, answers). Any key the type does not list there, any value that is
 * not an id or key, and keys named like answers are refused, and the payload is limited to
 * {@value #MAX_PAYLOAD_BYTES} bytes of JSON.
 */
@ApplicationScoped
public class Outbox {

    static final int MAX_PAYLOAD_BYTES = 8 * 1024;
    private static final Set<String> FORBIDDEN_KEYS = Set.of("answers", "answer", "answervalues", "itemvalues",
            "itemanswers");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * Adds a notice unless one with this dedup key exists already.
     *
     * @param studyId     the study (its webhook subscriptions receive the notice)
     * @param type        one of {@link NoticeTypes}
     * @param dedupKey    unique key of the fact (see class documentation), at most 255 characters
     * @param availableAt when the notice may be delivered; {@code null} for now
     * @param payload     the type's ids and links, from {@link NoticeData}
     * @return the new notice's event id, or empty when the dedup key was already used
     */
    @Transactional(TxType.MANDATORY)
    public Optional<UUID> enqueue(UUID studyId, String type, String dedupKey, Instant availableAt,
            Map<String, ?> payload) {
        return insert(studyId, type, dedupKey, availableAt, payload, false);
    }

    /**
     * Like {@link #enqueue}, but a notice with this key that is still pending (not yet due) is moved to
     * {@code availableAt} and gets the new payload. A notice already fanned out or cancelled stays as it is: a
     * protocol change never produces a second reminder.
     *
     * @return the event id of the inserted or rescheduled notice, or empty when nothing changed
     */
    @Transactional(TxType.MANDATORY)
    public Optional<UUID> schedule(UUID studyId, String type, String dedupKey, Instant availableAt,
            Map<String, ?> payload) {
        return insert(studyId, type, dedupKey, availableAt, payload, true);
    }

    /**
     * Withdraws the notices with these dedup keys that have not gone out yet: pending outbox rows become
     * {@code cancelled}, and deliveries of those notices that are still waiting for their first or next attempt are
     * cancelled too. A delivery in flight cannot be stopped (the {@link NoticeGuard} asks again before delivery).
     * Two statements, both served by the dedup key's unique index, whatever the number of keys.
     *
     * @param dedupKeys exact dedup keys, e.g. a task's {@code task.opened:...} and {@code task.closing:...}
     * @param reason    a short machine-readable reason, e.g. {@code task_completed}
     * @return the number of rows withdrawn: notices not yet fanned out plus deliveries still waiting
     */
    @Transactional(TxType.MANDATORY)
    public int cancel(Collection<String> dedupKeys, String reason) {
        if (dedupKeys == null || dedupKeys.isEmpty() || dedupKeys.stream().anyMatch(k -> k == null || k.isBlank())) {
            throw new IllegalArgumentException("dedup keys are required");
        }
        String[] keys = dedupKeys.toArray(String[]::new);
        String why = reason == null ? "cancelled" : truncate(reason, 200);
        // Notices first: this waits for a fan-out that holds the row right now; the next statement (a new snapshot)
        // then also sees the deliveries that fan-out created.
        int notices = em.createNativeQuery("""
                UPDATE outbox_event SET state = 'cancelled', cancelled_at = now(), cancel_reason = :reason
                WHERE dedup_key = ANY (:keys) AND state = 'pending'""")
                .setParameter("reason", why)
                .setParameter("keys", keys)
                .executeUpdate();
        int deliveries = em.createNativeQuery("""
                UPDATE webhook_delivery SET state = 'cancelled', last_error = :reason, updated_at = now()
                WHERE state = 'pending'
                  AND event_id IN (SELECT id FROM outbox_event WHERE dedup_key = ANY (:keys))""")
                .setParameter("reason", "cancelled: " + why)
                .setParameter("keys", keys)
                .executeUpdate();
        return notices + deliveries;
    }

    private Optional<UUID> insert(UUID studyId, String type, String dedupKey, Instant availableAt,
            Map<String, ?> payload, boolean reschedule) {
        Objects.requireNonNull(studyId, "studyId");
        Objects.requireNonNull(payload, "payload");
        if (!NoticeTypes.isKnown(type)) {
            throw new IllegalArgumentException("unknown notice type " + type + "; add it to NoticeTypes");
        }
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > 255) {
            throw new IllegalArgumentException("dedup key must have 1..255 characters");
        }
        rejectAnswerKeys(payload);
        String body = toJson(payload);
        NoticeData.check(type, payload);
        UUID id = UUID.randomUUID();
        Instant at = availableAt == null ? Instant.now() : availableAt;
        String onConflict = reschedule ? """
                ON CONFLICT (dedup_key) DO UPDATE SET available_at = EXCLUDED.available_at, payload = EXCLUDED.payload
                WHERE outbox_event.state = 'pending'
                RETURNING id""" : "ON CONFLICT (dedup_key) DO NOTHING RETURNING id";
        @SuppressWarnings("unchecked")
        var ids = (java.util.List<Object>) em.createNativeQuery("""
                INSERT INTO outbox_event (id, study_id, event_type, dedup_key, payload, created_at, available_at, state)
                VALUES (:id, :study, :type, :key, CAST(:payload AS jsonb), now(), :at, 'pending')
                """ + onConflict)
                .setParameter("id", id)
                .setParameter("study", studyId)
                .setParameter("type", type)
                .setParameter("key", dedupKey)
                .setParameter("payload", body)
                .setParameter("at", at)
                .getResultList();
        return ids.stream().findFirst().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString()));
    }

    private String toJson(Map<String, ?> payload) {
        try {
            byte[] bytes = json.writeValueAsBytes(payload);
            if (bytes.length > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("notice payload exceeds " + MAX_PAYLOAD_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notice payload cannot be written as JSON", e);
        }
    }

    /** Notices never carry answers: refuse keys that look like them, at any depth. */
    static void rejectAnswerKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
                if (FORBIDDEN_KEYS.contains(key)) {
                    throw new IllegalArgumentException("notice payloads must not carry answers (key " + e.getKey() + ")");
                }
                rejectAnswerKeys(e.getValue());
            }
        } else if (value instanceof Collection<?> list) {
            list.forEach(Outbox::rejectAnswerKeys);
        }
    }


    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
