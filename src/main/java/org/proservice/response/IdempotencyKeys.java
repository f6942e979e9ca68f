package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys of submissions, scoped to (patient, caller). {@link #claim} is the first write of a submission
 * transaction: {@code INSERT ... ON CONFLICT DO NOTHING} makes a concurrent request with the same key wait until the
 * first one commits (then it finds the claim) or rolls back (then it claims the key itself).
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A stored claim: the hash of the request that first used the key and the response it produced. */
    public record Claim(String requestHash, UUID responseId) {
    }

    @Inject
    EntityManager em;

    public Optional<Claim> find(UUID patientId, String caller, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT request_hash, response_id FROM response_idempotency
                WHERE patient_id = :patient AND caller_subject = :caller AND idempotency_key = :key""")
                .setParameter("patient", patientId)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Claim(((String) r[0]).trim(), (UUID) r[1]));
    }

    /** True when this transaction now holds the key; false when another request already used it. */
    public boolean claim(UUID patientId, String caller, String key, String requestHash, UUID responseId) {
        int inserted = em.createNativeQuery("""
                INSERT INTO response_idempotency
                    (patient_id, caller_subject, idempotency_key, request_hash, response_id, created_at)
                VALUES (:patient, :caller, :key, :hash, :response, :now)
                ON CONFLICT (patient_id, caller_subject, idempotency_key) DO NOTHING""")
                .setParameter("patient", patientId)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("response", responseId)
                .setParameter("now", Instant.now())
                .executeUpdate();
        return inserted == 1;
    }
}
