package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.invitation.InvitationDtos.InvitationView;
import org.proservice.invitation.InvitationIssuer;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientRepository;
import org.proservice.patient.PatientTimeZone;
import org.proservice.patient.PatientTimeZoneRepository;
import org.proservice.schedule.ScheduleDtos.EnrollmentView;
import org.proservice.schedule.ScheduleDtos.NewEnrollment;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.StudyRepository;
import org.proservice.study.protocol.ProtocolVersion;
import org.proservice.study.protocol.ProtocolVersionRepository;

/**
 * Enrolls patients (a new pseudonymous patient, its first time zone and the enrollment, on the study's latest
 * protocol version) and lists a study's enrollments. Staff of the study only. Without the patient's identity
 * subject, the enrollment comes with an invitation the patient claims later.
 */
@ApplicationScoped
public class EnrollmentService {

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    EntityManager em;
    @Inject
    StudyRepository studies;
    @Inject
    StudyArmRepository arms;
    @Inject
    ProtocolVersionRepository versions;
    @Inject
    EnrollmentRepository enrollments;
    @Inject
    PatientRepository patients;
    @Inject
    PatientTimeZoneRepository zones;
    @Inject
    TaskReminders reminders;
    @Inject
    InvitationIssuer invitations;

    @Transactional
    public EnrollmentView enroll(UUID studyId, NewEnrollment body) {
        policy.requireStudyStaff(studyId, AuditAction.CREATE);
        // Share lock: a concurrent protocol publication (which takes the row exclusively) runs before or after.
        studies.findById(studyId, LockModeType.PESSIMISTIC_READ);
        List<FieldError> errors = new ArrayList<>();
        if (arms.findByCode(studyId, body.arm()).isEmpty()) {
            errors.add(new FieldError("arm", "unknown_arm", "not an arm of this study"));
        }
        Optional<ZoneId> zone = TimeZones.parse(body.timeZone());
        if (zone.isEmpty()) {
            errors.add(new FieldError("timeZone", "unknown_time_zone",
                    "must be an IANA time-zone id such as Europe/Berlin"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_ENROLLMENT, errors.size() + " field(s) are invalid", errors);
        }
        ProtocolVersion latest = versions.latest(studyId).orElseThrow(() -> new ProblemException(
                ErrorCode.NO_PROTOCOL_VERSION, "Publish a protocol version before enrolling patients"));
        if (enrollments.findBySubjectCode(studyId, body.subjectCode()).isPresent()) {
            throw subjectCodeTaken();
        }
        if (body.identitySubject() != null && patients.findByIdentitySubject(body.identitySubject()).isPresent()) {
            throw identityTaken();
        }
        Instant now = Instant.now();
        Patient p = new Patient();
        p.id = UUID.randomUUID();
        p.identitySubject = body.identitySubject();
        p.createdAt = now;
        p.createdBy = caller.subject();
        patients.persist(p);
        PatientTimeZone z = new PatientTimeZone();
        z.id = UUID.randomUUID();
        z.patientId = p.id;
        z.zoneId = zone.get().getId();
        // The first zone is in force from the start of the enrollment day (or now, if that is later), so that a
        // change made after the enrollment day can be recorded even when the enrollment is entered late.
        Instant enrollmentDayStart = body.enrollmentDate().atStartOfDay(zone.get()).toInstant();
        z.validFrom = enrollmentDayStart.isBefore(now) ? enrollmentDayStart : now;
        z.recordedAt = now;
        z.recordedBy = caller.subject();
        zones.persist(z);
        Enrollment e = new Enrollment();
        e.id = UUID.randomUUID();
        e.patientId = p.id;
        e.studyId = studyId;
        e.armCode = body.arm();
        e.subjectCode = body.subjectCode();
        e.protocolVersion = latest.version;
        e.enrollmentDate = body.enrollmentDate();
        e.enrolledAt = now;
        e.enrolledBy = caller.subject();
        enrollments.persist(e);
        try {
            em.flush();
        } catch (PersistenceException ex) {
            if (Constraints.violated(ex, "enrollment_subject_code_uq")) {
                throw subjectCodeTaken();
            }
            if (Constraints.violated(ex, "patient_identity_subject_uq")) {
                throw identityTaken();
            }
            throw ex;
        }
        audit.event(AuditAction.CREATE, AuditResource.ENROLLMENT).id(e.id).patient(p.id).study(studyId)
                .detail("protocolVersion", e.protocolVersion).detail("arm", e.armCode).allowed();
        reminders.replan(e);
        InvitationView invitation = p.identitySubject == null ? invitations.issue(e, now) : null;
        return view(e, p.identitySubject, z.zoneId, invitation);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EnrollmentView> list(UUID studyId) {
        policy.requireStudyStaff(studyId, AuditAction.READ);
        List<Enrollment> all = enrollments.listByStudy(studyId);
        Map<UUID, String> subjects = new HashMap<>();
        Map<UUID, List<ZoneHistory.Entry>> histories = new HashMap<>();
        em.createQuery("""
                select p.id, p.identitySubject from Patient p
                where p.id in (select e.patientId from Enrollment e where e.studyId = :s)""", Object[].class)
                .setParameter("s", studyId).getResultList()
                .forEach(r -> subjects.put((UUID) r[0], (String) r[1]));
        em.createQuery("""
                select z.patientId, z.zoneId, z.validFrom from PatientTimeZone z
                where z.patientId in (select e.patientId from Enrollment e where e.studyId = :s)
                order by z.validFrom""", Object[].class)
                .setParameter("s", studyId).getResultList()
                .forEach(r -> histories.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                        .add(new ZoneHistory.Entry((Instant) r[2], ZoneId.of((String) r[1]))));
        // one audit row per listed patient, so that "who saw patient X" finds this read
        audit.event(AuditAction.READ, AuditResource.ENROLLMENT).study(studyId)
                .patients(all.stream().map(e -> e.patientId).toList()).detail("count", all.size()).allowed();
        Instant now = Instant.now();
        return all.stream().map(e -> view(e, subjects.get(e.patientId), Optional.ofNullable(histories.get(e.patientId))
                .map(h -> ZoneHistory.of(h).zoneAt(now).getId()).orElse(null))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EnrollmentView get(UUID studyId, UUID enrollmentId) {
        policy.requireStudyStaff(studyId, AuditAction.READ);
        Enrollment e = enrollments.find("id = ?1 and studyId = ?2", enrollmentId, studyId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Enrollment"));
        Patient p = patients.findById(e.patientId);
        String zone = zones.inForceAt(e.patientId, Instant.now())
                .or(() -> zones.history(e.patientId).stream().findFirst()).map(z -> z.zoneId).orElse(null);
        audit.event(AuditAction.READ, AuditResource.ENROLLMENT).id(e.id).patient(e.patientId).study(studyId).allowed();
        return view(e, p.identitySubject, zone);
    }

    private static EnrollmentView view(Enrollment e, String identitySubject, String zone) {
        return view(e, identitySubject, zone, null);
    }

    private static EnrollmentView view(Enrollment e, String identitySubject, String zone, InvitationView invitation) {
        return new EnrollmentView(e.id, e.patientId, e.studyId, e.subjectCode, identitySubject, e.armCode,
                e.protocolVersion, e.enrollmentDate, zone, e.enrolledAt, e.enrolledBy, invitation);
    }

    private static ProblemException subjectCodeTaken() {
        return new ProblemException(ErrorCode.SUBJECT_CODE_TAKEN, "This subject code is already used in the study",
                List.of(new FieldError("subjectCode", "taken", "already used in this study")));
    }

    private static ProblemException identityTaken() {
        return new ProblemException(ErrorCode.IDENTITY_SUBJECT_TAKEN,
                "This identity subject is already linked to an enrolled patient",
                List.of(new FieldError("identitySubject", "taken", "already linked to a patient")));
    }
}
