package org.proservice.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientRepository;
import org.proservice.study.Study;
import org.proservice.study.StudyRepository;
import org.proservice.study.StudyStaffRepository;

/**
 * The one place that decides object-level access. No resource and no other service decides who may see what.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>patient (role {@code patient}): only the patient record whose identity subject is the token's {@code sub};</li>
 * <li>clinician (role {@code clinician}): only patients enrolled in a study where the caller is staff, and only
 * those studies;</li>
 * <li>admin (role {@code admin}): study configuration and the audit log; no patient data unless the same subject
 * is also clinician and staff of the patient's study.</li>
 * </ul>
 * Role checks per endpoint stay on the resources ({@code @RolesAllowed}, giving 403); this class decides which
 * <em>objects</em> the caller may reach. A resource that does not exist and one the caller may not see get the
 * same {@code 404} ({@link ProblemException#notFound}), and every refusal is written to the audit trail in its own
 * transaction before the exception leaves this class.
 *
 * <h2>How features must use it</h2>
 * <ol>
 * <li>Every service method that reads or writes patient data starts with one call here:
 * {@code requirePatient(pid, AuditAction.READ)} for {@code /patients/{pid}/...}, {@code requireSelf()} for
 * {@code /me/...}, {@code requireStudyStaff(studyId)} for study-wide clinical views (enrollments, adherence,
 * summaries, exports), {@code visibleStudyIds()} to restrict cross-study lists (alerts) in the query itself.
 * Load patient-owned rows (responses, alerts, tasks) by the patient id returned here, never by an id from the
 * request alone: {@code where patient_id = :checkedPatient and id = :rid}, so a foreign row is a plain 404.</li>
 * <li>After the access is granted, the service writes what it did with {@link AuditLog#event} inside its
 * transaction: a read of a patient's tasks is {@code audit.event(READ, TASK).patient(pid).study(studyId).allowed()},
 * a new response {@code audit.event(CREATE, RESPONSE).id(rid).patient(pid).study(studyId).allowed()}, a list of
 * several patients' rows names each of them with {@code .patients(...)}. The authorization matrix test checks that
 * every allowed call on patient data leaves an allowed audit row with its request id.</li>
 * <li>Denials need nothing more: this class has already written them. A refusal decided elsewhere (a row of
 * another study, a state conflict) is caught by {@link RefusalAudit} if the service did not write it.</li>
 * </ol>
 */
@ApplicationScoped
public class AccessPolicy {

    @Inject
    CurrentCaller caller;

    @Inject
    PatientRepository patients;

    @Inject
    StudyRepository studies;

    @Inject
    StudyStaffRepository staff;

    @Inject
    AuditLog audit;

    /**
     * The patient {@code patientId} if the caller may reach it: it is the caller's own record (role patient) or
     * the patient is enrolled in a study where the caller is staff (role clinician). Otherwise 404.
     */
    public Patient requirePatient(UUID patientId, AuditAction action) {
        Optional<Patient> found = patientId == null ? Optional.empty() : patients.findByIdOptional(patientId);
        if (found.isPresent() && mayReach(found.get())) {
            return found.get();
        }
        audit.event(action, AuditResource.PATIENT).id(patientId).patient(found.map(p -> p.id).orElse(null))
                .detail("reason", found.isPresent() ? "not_visible" : "not_found").denied();
        throw ProblemException.notFound("Patient");
    }

    /** The caller's own patient record (role patient, matched by {@code sub}); 404 when there is none. */
    public Patient requireSelf() {
        return requireSelf(AuditAction.READ);
    }

    /** As {@link #requireSelf()}, naming the action for the audit trail when it is refused. */
    public Patient requireSelf(AuditAction action) {
        if (caller.isPatient()) {
            Optional<Patient> own = patients.findByIdentitySubject(caller.subject());
            if (own.isPresent()) {
                return own.get();
            }
        }
        audit.event(action, AuditResource.PATIENT).id("me").detail("reason", "no_patient_record").denied();
        throw ProblemException.notFound("Patient");
    }

    /** The study if the caller is a clinician on its staff; otherwise 404. For clinical, study-wide views. */
    public Study requireStudyStaff(UUID studyId) {
        return requireStudyStaff(studyId, AuditAction.READ);
    }

    public Study requireStudyStaff(UUID studyId, AuditAction action) {
        Optional<Study> study = findStudy(studyId);
        if (study.isPresent() && isStaffOf(studyId)) {
            return study.get();
        }
        return deniedStudy(studyId, study, action);
    }

    /** The study for configuration by an admin (staff, protocol versions); 404 when it does not exist. */
    public Study requireStudyConfig(UUID studyId) {
        return requireStudyConfig(studyId, AuditAction.UPDATE);
    }

    public Study requireStudyConfig(UUID studyId, AuditAction action) {
        Optional<Study> study = findStudy(studyId);
        if (study.isPresent() && caller.isAdmin()) {
            return study.get();
        }
        return deniedStudy(studyId, study, action);
    }

    /** The study's configuration for reading: any study for an admin, a staff clinician's own studies. */
    public Study requireStudyRead(UUID studyId) {
        Optional<Study> study = findStudy(studyId);
        if (study.isPresent() && (caller.isAdmin() || isStaffOf(studyId))) {
            return study.get();
        }
        return deniedStudy(studyId, study, AuditAction.READ);
    }

    /**
     * The studies whose patients the caller may see (clinician: the studies the caller is staff of; anyone else:
     * none). Use it to restrict cross-study queries, e.g. {@code where e.study_id in :visible}.
     */
    public List<UUID> visibleStudyIds() {
        return caller.isClinician() ? staff.studyIdsOf(caller.subject()) : List.of();
    }

    /** Whether the caller may reach the patient, without auditing; for filtering, not for guarding. */
    public boolean canReach(Patient patient) {
        return mayReach(patient);
    }

    private boolean mayReach(Patient patient) {
        String subject = caller.subject();
        if (caller.isPatient() && subject.equals(patient.identitySubject)) {
            return true;
        }
        return caller.isClinician() && patients.isVisibleToStaff(patient.id, subject);
    }

    private boolean isStaffOf(UUID studyId) {
        return caller.isClinician() && staff.isStaff(studyId, caller.subject());
    }

    private Optional<Study> findStudy(UUID studyId) {
        return studyId == null ? Optional.empty() : studies.findByIdOptional(studyId);
    }

    private Study deniedStudy(UUID studyId, Optional<Study> study, AuditAction action) {
        audit.event(action, AuditResource.STUDY).id(studyId).study(study.map(s -> s.id).orElse(null))
                .detail("reason", study.isPresent() ? "not_visible" : "not_found").denied();
        throw ProblemException.notFound("Study");
    }
}
