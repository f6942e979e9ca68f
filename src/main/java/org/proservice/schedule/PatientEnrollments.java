package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.security.AccessPolicy;

/**
 * The enrollments of a patient that the caller may work with, after {@link AccessPolicy#requirePatient} let the
 * caller reach the patient: for staff only those of the caller's studies (a patient may be enrolled elsewhere too).
 */
@ApplicationScoped
public class PatientEnrollments {

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    AccessPolicy policy;

    /** The patient's enrollments in studies the calling clinician is staff of. */
    public List<Enrollment> ofStaff(UUID patientId) {
        Set<UUID> visible = new HashSet<>(policy.visibleStudyIds());
        return enrollments.listByPatient(patientId).stream().filter(e -> visible.contains(e.studyId)).toList();
    }

    /** The patient's own enrollments (for /me). */
    public List<Enrollment> own(UUID patientId) {
        return enrollments.listByPatient(patientId);
    }

    /**
     * The one enrollment a write refers to: the one in {@code studyId} when given, else the only one. Several
     * without {@code studyId} is a 422 naming the field; a {@code studyId} not among them is a 404.
     */
    public Enrollment resolve(List<Enrollment> candidates, UUID studyId, ErrorCode ambiguous) {
        if (studyId != null) {
            return candidates.stream().filter(e -> e.studyId.equals(studyId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Enrollment"));
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw ProblemException.notFound("Enrollment");
        }
        throw new ProblemException(ambiguous, "The patient is enrolled in several of your studies",
                List.of(new FieldError("studyId", "required", "name the study this applies to")));
    }
}
