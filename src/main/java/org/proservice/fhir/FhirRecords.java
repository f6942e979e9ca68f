package org.proservice.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.proservice.alert.Alert;
import org.proservice.response.ResponseRecord;
import org.proservice.response.ResponseRepository;

/**
 * The reads behind the FHIR views. Callers pass only patient ids the access policy granted and the studies the
 * caller may see for that patient; rows of other studies are never returned.
 */
@ApplicationScoped
class FhirRecords {

    @Inject
    EntityManager em;
    @Inject
    ResponseRepository responses;

    /** The patient's current responses in {@code studies}, oldest first. */
    List<ResponseRecord> currentResponses(UUID patientId, Collection<UUID> studies) {
        return responses.currentOfPatient(patientId, studies);
    }

    /** One response, current or superseded; the caller checks access to its patient and study. */
    Optional<ResponseRecord> response(UUID responseId) {
        return Optional.ofNullable(em.find(ResponseRecord.class, responseId));
    }

    /** The patient's alerts in {@code studies}, open and closed, oldest first. */
    List<Alert> alerts(UUID patientId, Collection<UUID> studies) {
        if (studies.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from Alert a where a.patientId = :patient and a.studyId in :studies"
                + " order by a.raisedAt, a.id", Alert.class)
                .setParameter("patient", patientId).setParameter("studies", studies).getResultList();
    }

    Optional<Alert> alert(UUID alertId) {
        return Optional.ofNullable(em.find(Alert.class, alertId));
    }
}
