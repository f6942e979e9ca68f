package org.proservice.alert;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    /** The alert if it belongs to one of {@code studyIds}. */
    public Optional<Alert> findInStudies(UUID id, Collection<UUID> studyIds) {
        if (id == null || studyIds.isEmpty()) {
            return Optional.empty();
        }
        return find("id = ?1 and studyId in ?2", id, studyIds).firstResultOptional();
    }

    /** Alerts of the given studies (and status, when given), newest first, after the keyset cursor. */
    public List<Alert> list(Collection<UUID> studyIds, String status, AlertCursor after, int limit) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        StringBuilder q = new StringBuilder("from Alert a where a.studyId in :studies");
        if (status != null) {
            q.append(" and a.status = :status");
        }
        if (after != null) {
            q.append(" and (a.raisedAt < :t or (a.raisedAt = :t and a.id < :id))");
        }
        q.append(" order by a.raisedAt desc, a.id desc");
        var query = getEntityManager().createQuery(q.toString(), Alert.class)
                .setParameter("studies", studyIds)
                .setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (after != null) {
            query.setParameter("t", after.raisedAt()).setParameter("id", after.id());
        }
        return query.getResultList();
    }

    /** Every alert of one patient in one study, oldest first. */
    public List<Alert> listByPatient(UUID patientId, UUID studyId) {
        return list("patientId = ?1 and studyId = ?2 order by raisedAt, id", patientId, studyId);
    }

    public List<Alert> listByResponse(UUID responseId) {
        return list("responseId = ?1 order by rule", responseId);
    }

    /**
     * Moves the alert from {@code from} to {@code to}, setting that step's who/when/note once. Returns false when
     * the alert is no longer in {@code from} (a concurrent or repeated step).
     */
    public boolean transition(UUID id, String from, String to, String who, Instant when, String note) {
        String columns = Alert.ACKNOWLEDGED.equals(to)
                ? "acknowledged_at = :when, acknowledged_by = :who, acknowledge_note = :note"
                : "resolved_at = :when, resolved_by = :who, resolve_note = :note";
        int n = getEntityManager().createNativeQuery("UPDATE alert SET status = :to, " + columns
                + " WHERE id = :id AND status = :from")
                .setParameter("to", to)
                .setParameter("when", when)
                .setParameter("who", who)
                .setParameter("note", note)
                .setParameter("id", id)
                .setParameter("from", from)
                .executeUpdate();
        return n == 1;
    }
}
