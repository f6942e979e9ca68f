package org.proservice.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.PatientEnrollments;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * What of a patient the FHIR caller may see, decided by {@link AccessPolicy}: a patient reaches the own record
 * (all of its enrollments), a clinician the patient's enrollments in studies the caller is staff of, an admin
 * nothing. Everything else is the same 404, with the refusal audited.
 */
@ApplicationScoped
class FhirAccess {

    /** The FHIR type a refused read names in its 404. */
    private static final Map<AuditResource, String> FHIR_TYPES = Map.of(
            AuditResource.FHIR_QUESTIONNAIRE_RESPONSE, "QuestionnaireResponse",
            AuditResource.FHIR_OBSERVATION, "Observation",
            AuditResource.FHIR_FLAG, "Flag");

    @Inject
    AccessPolicy access;
    @Inject
    PatientEnrollments enrollments;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditLog audit;

    /** A patient as the caller sees it: the enrollments (and so the studies) whose data the caller may read. */
    record PatientScope(Patient patient, List<Enrollment> enrollments) {
        List<UUID> studyIds() {
            return enrollments.stream().map(e -> e.studyId).toList();
        }

        boolean covers(UUID studyId) {
            return enrollments.stream().anyMatch(e -> e.studyId.equals(studyId));
        }
    }

    PatientScope patient(UUID patientId, AuditAction action) {
        Patient p = access.requirePatient(patientId, action);
        boolean self = caller.isPatient() && p.identitySubject.equals(caller.subject());
        return new PatientScope(p, self ? enrollments.own(p.id) : enrollments.ofStaff(p.id));
    }

    /**
     * The scope of the patient that owns a row of {@code studyId}, when the caller may see that study's data of the
     * patient; otherwise the same 404 as for a row that does not exist, audited.
     */
    PatientScope owner(AuditResource resource, String id, UUID patientId, UUID studyId) {
        PatientScope scope = patient(patientId, AuditAction.READ);
        if (!scope.covers(studyId)) {
            audit.event(AuditAction.READ, resource).id(id).patient(patientId).study(studyId)
                    .detail("reason", "not_visible").denied();
            throw ProblemException.notFound(FHIR_TYPES.get(resource));
        }
        return scope;
    }
}
