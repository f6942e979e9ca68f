package org.proservice.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientRepository;
import org.proservice.patient.PatientTimeZone;
import org.proservice.patient.PatientTimeZoneRepository;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EnrollmentRepository;
import org.proservice.study.Study;
import org.proservice.study.StudyArm;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.StudyRepository;
import org.proservice.study.StudyStaff;
import org.proservice.study.StudyStaffRepository;

/**
 * Writes core rows straight through the repositories, for tests that need facts before the endpoints that create
 * them exist (e.g. enrolled patients). Every call commits its own transaction. Unique names come from the caller.
 */
@ApplicationScoped
public class Fixtures {

    @Inject
    StudyRepository studies;
    @Inject
    StudyArmRepository arms;
    @Inject
    StudyStaffRepository staff;
    @Inject
    PatientRepository patients;
    @Inject
    PatientTimeZoneRepository zones;
    @Inject
    EnrollmentRepository enrollments;
    @Inject
    org.proservice.study.protocol.ProtocolVersionRepository protocolVersions;

    /** A study with arms {@code arm-a} and {@code arm-b} and the given clinician subjects as staff. */
    public UUID study(String name, String... staffSubjects) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Study s = new Study();
            s.id = UUID.randomUUID();
            s.name = name;
            s.description = "fixture";
            s.createdAt = Instant.now();
            s.createdBy = "fixture";
            studies.persist(s);
            int position = 0;
            for (String code : new String[] { "arm-a", "arm-b" }) {
                StudyArm arm = new StudyArm();
                arm.id = UUID.randomUUID();
                arm.studyId = s.id;
                arm.code = code;
                arm.label = "Arm " + code;
                arm.position = position++;
                arms.persist(arm);
            }
            for (String subject : staffSubjects) {
                StudyStaff m = new StudyStaff();
                m.id = UUID.randomUUID();
                m.studyId = s.id;
                m.subject = subject;
                m.role = "clinician";
                m.addedAt = Instant.now();
                m.addedBy = "fixture";
                staff.persist(m);
            }
            return s.id;
        });
    }

    /** Adds {@code subject} to the staff of {@code studyId} as clinician. */
    public void staff(UUID studyId, String subject) {
        QuarkusTransaction.requiringNew().run(() -> {
            StudyStaff m = new StudyStaff();
            m.id = UUID.randomUUID();
            m.studyId = studyId;
            m.subject = subject;
            m.role = "clinician";
            m.addedAt = Instant.now();
            m.addedBy = "fixture";
            staff.persist(m);
        });
    }

    /** A patient with identity subject {@code subject}, enrolled in {@code studyId} (arm-a), zone Europe/Zurich. */
    public UUID enrolledPatient(UUID studyId, String subject, String subjectCode) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Patient p = new Patient();
            p.id = UUID.randomUUID();
            p.identitySubject = subject;
            p.createdAt = Instant.now();
            p.createdBy = "fixture";
            patients.persist(p);
            PatientTimeZone zone = new PatientTimeZone();
            zone.id = UUID.randomUUID();
            zone.patientId = p.id;
            zone.zoneId = "Europe/Zurich";
            zone.validFrom = Instant.parse("2020-01-01T00:00:00Z");
            zone.recordedAt = Instant.now();
            zone.recordedBy = "fixture";
            zones.persist(zone);
            Enrollment e = new Enrollment();
            e.id = UUID.randomUUID();
            e.patientId = p.id;
            e.studyId = studyId;
            e.armCode = "arm-a";
            e.subjectCode = subjectCode;
            e.protocolVersion = 1;
            e.enrollmentDate = LocalDate.of(2026, 3, 2);
            e.enrolledAt = Instant.now();
            e.enrolledBy = "fixture";
            enrollments.persist(e);
            return p.id;
        });
    }

    /**
     * Makes sure the study has a protocol version (if it has none: version 1 with T0 at enrollment and T1 after
     * {@code session-1}, all four instruments, for every arm); returns the latest version number.
     */
    public int protocolVersion(UUID studyId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var latest = protocolVersions.latest(studyId);
            if (latest.isPresent()) {
                return latest.get().version;
            }
            // The fixture study's scales (protocol content; the catalog offers more).
            var all = java.util.List.of("phq9", "gad7", "pcl5", "bpi-sf");
            var draft = new org.proservice.study.protocol.ProtocolDraft(java.util.List.of("session-1"), java.util.List.of(
                    new org.proservice.study.protocol.ProtocolDraft.TimepointDraft("T0", "Baseline", "enrollment", 0, 0,
                            7, all, null, true),
                    new org.proservice.study.protocol.ProtocolDraft.TimepointDraft("T1", "After session 1", "session-1",
                            1, 0, 6, all, null, false)), null, null);
            var protocol = new org.proservice.study.protocol.ProtocolValidator(
                    java.util.Set.copyOf(BuiltInCatalog.ids()), java.util.Set.of("arm-a", "arm-b"))
                    .validate(draft).protocol().orElseThrow();
            var v = org.proservice.study.protocol.ProtocolVersion.of(studyId, 1, protocol, false, 0, "fixture",
                    Instant.now());
            protocolVersions.persist(v);
            v.timepointRows().forEach(row -> row.persist());
            return 1;
        });
    }

    /** The id of the patient's (first) enrollment. */
    public UUID enrollmentOf(UUID patientId) {
        return QuarkusTransaction.requiringNew().call(() -> enrollments.listByPatient(patientId).get(0).id);
    }
}
