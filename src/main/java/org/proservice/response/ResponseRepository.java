package org.proservice.response;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Parameterised queries over {@code response}. Callers pass only patient ids the access policy granted. */
@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<ResponseRecord, UUID> {

    static final String CURRENT = "NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id)";

    public Optional<ResponseRecord> findOfPatient(UUID patientId, UUID responseId) {
        return find("patientId = ?1 and id = ?2", patientId, responseId).firstResultOptional();
    }

    /** The response that supersedes {@code responseId}, if any. */
    public Optional<ResponseRecord> findSuperseding(UUID responseId) {
        return find("supersedesId", responseId).firstResultOptional();
    }

    /** Whether the task already has a current response. */
    public boolean taskHasResponse(UUID enrollmentId, String timepointKey, String instrumentId) {
        return count("enrollmentId = ?1 and timepointKey = ?2 and instrumentId = ?3", enrollmentId, timepointKey,
                instrumentId) > 0;
    }

    /** Supersession links touching {@code ids}: (superseded id, superseding id). */
    public List<UUID[]> supersessionLinks(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = getEntityManager().createQuery(
                "select r.supersedesId, r.id from ResponseRecord r where r.supersedesId in :ids", Object[].class)
                .setParameter("ids", ids).getResultList();
        List<UUID[]> links = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            links.add(new UUID[] { (UUID) row[0], (UUID) row[1] });
        }
        return links;
    }

    /**
     * One page of a patient's history, newest first by (completed_at, id), strictly after the cursor. Served by
     * {@code response_patient_history_idx} / {@code response_patient_instrument_history_idx} as an index range scan.
     */
    @SuppressWarnings("unchecked")
    public List<ResponseRecord> history(UUID patientId, Collection<UUID> studyIds, String instrumentId, Instant from,
            Instant to, boolean includeSuperseded, ResponseCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT r.* FROM response r WHERE r.patient_id = :patient");
        if (studyIds != null) {
            sql.append(" AND r.study_id IN (:studies)");
        }
        if (instrumentId != null) {
            sql.append(" AND r.instrument_id = :instrument");
        }
        if (from != null) {
            sql.append(" AND r.completed_at >= :from");
        }
        if (to != null) {
            sql.append(" AND r.completed_at < :to");
        }
        if (after != null) {
            sql.append(" AND (r.completed_at, r.id) < (:afterTime, :afterId)");
        }
        if (!includeSuperseded) {
            sql.append(" AND ").append(CURRENT);
        }
        sql.append(" ORDER BY r.completed_at DESC, r.id DESC LIMIT :limit");
        var q = getEntityManager().createNativeQuery(sql.toString(), ResponseRecord.class)
                .setParameter("patient", patientId)
                .setParameter("limit", limit);
        if (studyIds != null) {
            q.setParameter("studies", studyIds);
        }
        if (instrumentId != null) {
            q.setParameter("instrument", instrumentId);
        }
        if (from != null) {
            q.setParameter("from", from);
        }
        if (to != null) {
            q.setParameter("to", to);
        }
        if (after != null) {
            q.setParameter("afterTime", after.completedAt()).setParameter("afterId", after.id());
        }
        return q.getResultList();
    }

    /** The current responses of one patient and instrument, oldest first. */
    @SuppressWarnings("unchecked")
    public List<ResponseRecord> currentSeries(UUID patientId, String instrumentId, UUID studyId) {
        return getEntityManager().createNativeQuery("""
                SELECT r.* FROM response r
                WHERE r.patient_id = :patient AND r.instrument_id = :instrument AND r.study_id = :study""" + " AND "
                + CURRENT + " ORDER BY r.completed_at, r.id", ResponseRecord.class)
                .setParameter("patient", patientId)
                .setParameter("instrument", instrumentId)
                .setParameter("study", studyId)
                .getResultList();
    }

    /** Every current response of a patient, oldest first (FHIR export). */
    @SuppressWarnings("unchecked")
    public List<ResponseRecord> currentOfPatient(UUID patientId, Collection<UUID> studyIds) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("SELECT r.* FROM response r WHERE r.patient_id = :patient"
                + " AND r.study_id IN (:studies) AND " + CURRENT + " ORDER BY r.completed_at, r.id",
                ResponseRecord.class)
                .setParameter("patient", patientId)
                .setParameter("studies", studyIds)
                .getResultList();
    }
}
