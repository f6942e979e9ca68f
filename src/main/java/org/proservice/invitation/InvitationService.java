package org.proservice.invitation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.invitation.InvitationDtos.InvitationView;
import org.proservice.invitation.InvitationDtos.JoinedEnrollment;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientRepository;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EnrollmentRepository;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.StudyRepository;

/**
 * Claims invitations (a patient binds the token's {@code sub} to the invited patient record) and lets study staff
 * revoke and re-issue them. A refused claim changes nothing but the audit trail and, for an unknown code, the
 * throttle's failure count.
 */
@ApplicationScoped
public class InvitationService {

    @Inject
    InvitationRepository invitations;
    @Inject
    InvitationIssuer issuer;
    @Inject
    ClaimThrottle throttle;
    @Inject
    PatientRepository patients;
    @Inject
    EnrollmentRepository enrollments;
    @Inject
    StudyRepository studies;
    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    EntityManager em;

    /** {@code POST /me/invitations}. {@code address} is the client's address (for the throttle), may be null. */
    @Transactional
    public JoinedEnrollment claim(String typedCode, String address) {
        String subject = caller.subject();
        Instant now = Instant.now();
        Optional<Duration> wait = throttle.retryAfter(subject, address, now);
        if (wait.isPresent()) {
            deny(null, null, null, "throttled");
            throw new RetryLater(ErrorCode.INVITATION_ATTEMPTS_EXCEEDED, "Too many wrong codes; try again in "
                    + Math.max(1, wait.get().toSeconds()) + " s", wait.get());
        }
        Optional<Invitation> found = InvitationCodes.normalise(typedCode).map(InvitationCodes::hash)
                .flatMap(invitations::findByHashForUpdate);
        if (found.isEmpty()) {
            throttle.recordFailure(subject, address, now);
            deny(null, null, null, "unknown_code");
            throw new ProblemException(ErrorCode.INVITATION_CODE_UNKNOWN, "No invitation has this code; check it "
                    + "against the printed one", List.of(new FieldError("code", "unknown",
                            "12 letters and digits, as printed on the invitation")));
        }
        Invitation i = found.get();
        if (Invitation.CLAIMED.equals(i.status) && subject.equals(i.claimedBy)) {
            audit.event(AuditAction.CLAIM, AuditResource.INVITATION).id(i.id).patient(i.patientId).study(i.studyId)
                    .detail("repeated", true).allowed();
            return joined(i);
        }
        if (Invitation.CLAIMED.equals(i.status)) {
            throw refusal(i, "already_claimed", ErrorCode.INVITATION_ALREADY_CLAIMED,
                    "This invitation has already been used; ask the study team for a new one");
        }
        if (Invitation.REVOKED.equals(i.status)) {
            throw refusal(i, "revoked", ErrorCode.INVITATION_REVOKED,
                    "This invitation was withdrawn; ask the study team for a new one");
        }
        if (i.isExpiredAt(now)) {
            throw refusal(i, "expired", ErrorCode.INVITATION_EXPIRED,
                    "This invitation has expired; ask the study team for a new one");
        }
        Patient invited = patients.findById(i.patientId);
        if (patients.findByIdentitySubject(subject).filter(p -> !p.id.equals(invited.id)).isPresent()) {
            throw refusal(i, "subject_bound", ErrorCode.SUBJECT_ALREADY_BOUND,
                    "Your account already belongs to another patient record; sign in with another account");
        }
        if (invited.identitySubject != null && !invited.identitySubject.equals(subject)) {
            throw refusal(i, "patient_bound", ErrorCode.PATIENT_ALREADY_JOINED,
                    "This patient has already joined with another account");
        }
        invited.identitySubject = subject;
        i.status = Invitation.CLAIMED;
        i.claimedAt = now;
        i.claimedBy = subject;
        try {
            em.flush();
        } catch (PersistenceException e) {
            // Another patient record took this subject concurrently.
            throw new ProblemException(ErrorCode.SUBJECT_ALREADY_BOUND,
                    "Your account already belongs to another patient record; sign in with another account");
        }
        audit.event(AuditAction.CLAIM, AuditResource.INVITATION).id(i.id).patient(i.patientId).study(i.studyId)
                .detail("enrollmentId", i.enrollmentId.toString()).allowed();
        return joined(i);
    }

    /** Revokes the pending invitation (if any) and issues a new one. Staff of the study; 409 once joined. */
    @Transactional
    public InvitationView reissue(UUID studyId, UUID enrollmentId) {
        Enrollment e = unjoinedEnrollment(studyId, enrollmentId, AuditAction.CREATE);
        Instant now = Instant.now();
        invitations.pendingForUpdate(e.id).ifPresent(old -> revoke(old, now, "reissued"));
        em.flush(); // the revocation must reach the database before the new pending row (one pending per enrollment)
        return issuer.issue(e, now);
    }

    /** Revokes the pending invitation. Staff of the study; 404 when there is none, 409 once joined. */
    @Transactional
    public void revoke(UUID studyId, UUID enrollmentId) {
        Enrollment e = unjoinedEnrollment(studyId, enrollmentId, AuditAction.DELETE);
        Invitation pending = invitations.pendingForUpdate(e.id)
                .orElseThrow(() -> ProblemException.notFound("Pending invitation"));
        revoke(pending, Instant.now(), "revoked");
    }

    private void revoke(Invitation i, Instant now, String reason) {
        i.status = Invitation.REVOKED;
        i.revokedAt = now;
        i.revokedBy = caller.subject();
        audit.event(AuditAction.REVOKE, AuditResource.INVITATION).id(i.id).patient(i.patientId).study(i.studyId)
                .detail("reason", reason).allowed();
    }

    private Enrollment unjoinedEnrollment(UUID studyId, UUID enrollmentId, AuditAction action) {
        policy.requireStudyStaff(studyId, action);
        Enrollment e = enrollments.find("id = ?1 and studyId = ?2", enrollmentId, studyId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Enrollment"));
        if (patients.findById(e.patientId).identitySubject != null) {
            throw new ProblemException(ErrorCode.PATIENT_ALREADY_JOINED,
                    "The patient has already joined; an invitation is no longer needed");
        }
        return e;
    }

    private JoinedEnrollment joined(Invitation i) {
        Enrollment e = enrollments.findById(i.enrollmentId);
        return new JoinedEnrollment(e.patientId, e.id, e.studyId, studies.findById(e.studyId).name, e.subjectCode);
    }

    private ProblemException refusal(Invitation i, String reason, ErrorCode code, String detail) {
        deny(i.id, i.patientId, i.studyId, reason);
        return new ProblemException(code, detail);
    }

    private void deny(UUID invitationId, UUID patientId, UUID studyId, String reason) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("reason", reason);
        audit.event(AuditAction.CLAIM, AuditResource.INVITATION).id(invitationId).patient(patientId).study(studyId)
                .detail(detail).denied();
    }
}
