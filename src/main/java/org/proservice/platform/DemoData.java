package org.proservice.platform;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientRepository;
import org.proservice.patient.PatientTimeZone;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EventOccurrence;
import org.proservice.response.ResponseDtos.Submission;
import org.proservice.response.SubmissionService;
import org.proservice.security.AuditAction;
import org.proservice.security.Roles;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.study.Study;
import org.proservice.study.StudyArm;
import org.proservice.study.StudyRepository;
import org.proservice.study.StudyStaff;
import org.proservice.study.protocol.Protocol;
import org.proservice.study.protocol.ProtocolDraft;
import org.proservice.study.protocol.ProtocolDraft.TimepointDraft;
import org.proservice.study.protocol.ProtocolValidator;
import org.proservice.study.protocol.ProtocolVersion;

/**
 * The demo study, modelled on the pilot: two arms, T0 at enrollment and T1/T2/T3 after sessions 1, 3 and 6, all
 * four instruments at each; staff {@code demo-clinician} (not {@code demo-clinician-2}, so the access rule shows);
 * patients {@code demo-patient-1..8} (KAPT-001..008) in eight time zones, four per arm, with sessions recorded so
 * that every status appears, and a study in progress: baseline and follow-up responses submitted as the patients
 * through the submission service (so scoring, alerts and audit are the service's), most improving, one
 * non-responder with a late T1 that raises an open PHQ-9 item 9 alert, one missed BPI-SF. Dates are relative to the day it is seeded. Subjects match
 * {@link DevTokenResource}'s demo users.
 *
 * <p>Built into dev and test only (tests call {@link #seed(LocalDate)}); {@link DemoSeed} runs it at dev startup.
 * Idempotent: does nothing when the demo study exists.
 *
 * <p>Protocol choices: T0 is the baseline, due on the enrollment day with a window of 0 days before and 7 after
 * (the days before the first session); T1, T2, T3 are due the day after session 1, 3 and 6 (the psychedelic arm's
 * ketamine is given the day before therapy), window 0 before / 6 after, i.e. a week. Late submissions are accepted
 * and marked late; no grace.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class DemoData {

    public static final String STUDY_NAME = "KAPT pilot: ketamine-assisted psychotherapy for chronic pain with depression";
    public static final String CLINICIAN = "demo-clinician";

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @Inject
    StudyRepository studies;
    @Inject
    PatientRepository patients;
    @Inject
    AuditLog audit;
    @Inject
    SubmissionService submissions;
    @Inject
    DemoCaller callers;

    /**
     * A demo patient: days are relative to the seed day; session days null when not (yet) held; the visits the
     * patient has submitted.
     */
    record DemoPatient(String subject, String code, String arm, String zone, int enrolledDaysAgo,
            Integer session1DaysAgo, Integer session3DaysAgo, Integer session6DaysAgo, List<Visit> visits) {
    }

    /**
     * A submitted timepoint: every instrument answered at the severity of a PHQ-9 total of {@code phq9} (with item 9
     * as given), completed {@code daysAfterDue} days after the due day at 10:00 local time, except {@code skipped}.
     */
    record Visit(String timepoint, int phq9, int item9, int daysAfterDue, List<String> skipped) {
        static Visit of(String timepoint, int phq9) {
            return new Visit(timepoint, phq9, 0, 1, List.of());
        }
    }

    static final List<DemoPatient> PATIENTS = List.of(
            // all sessions held; responder (PHQ-9 19 -> 8); T3 open
            new DemoPatient("demo-patient-1", "KAPT-001", "psychedelic-im", "America/New_York", 45, 38, 24, 3,
                    List.of(Visit.of("T0", 19), Visit.of("T1", 13), Visit.of("T2", 8))),
            // non-responder; T1 submitted late with PHQ-9 item 9 positive (an open alert); T2 open, T3 not scheduled
            new DemoPatient("demo-patient-2", "KAPT-002", "psycholytic-sl", "Europe/Berlin", 20, 12, 2, null,
                    List.of(Visit.of("T0", 16), new Visit("T1", 17, 1, 8, List.of()))),
            // just enrolled: T0 open, the rest not scheduled
            new DemoPatient("demo-patient-3", "KAPT-003", "psychedelic-im", "Asia/Kolkata", 2, null, null, null,
                    List.of()),
            // first session yesterday: T0 done except BPI-SF (missed); T1 opens today
            new DemoPatient("demo-patient-4", "KAPT-004", "psycholytic-sl", "Australia/Sydney", 9, 1, null, null,
                    List.of(new Visit("T0", 14, 0, 1, List.of("bpi-sf")))),
            // between sessions 3 and 6: responders in both arms
            new DemoPatient("demo-patient-5", "KAPT-005", "psychedelic-im", "Europe/London", 30, 23, 10, null,
                    List.of(Visit.of("T0", 17), Visit.of("T1", 11), Visit.of("T2", 7))),
            new DemoPatient("demo-patient-6", "KAPT-006", "psycholytic-sl", "America/Sao_Paulo", 30, 23, 10, null,
                    List.of(Visit.of("T0", 15), Visit.of("T1", 12), Visit.of("T2", 9))),
            // finished: all four timepoints submitted
            new DemoPatient("demo-patient-7", "KAPT-007", "psychedelic-im", "Asia/Tokyo", 40, 33, 19, 5,
                    List.of(Visit.of("T0", 18), Visit.of("T1", 12), Visit.of("T2", 8), Visit.of("T3", 5))),
            new DemoPatient("demo-patient-8", "KAPT-008", "psycholytic-sl", "Africa/Nairobi", 40, 33, 19, 5,
                    List.of(Visit.of("T0", 18), Visit.of("T1", 15), Visit.of("T2", 11), Visit.of("T3", 8))));

    /** Seeds the demo study; false when it already exists. */
    @Transactional
    public boolean seed(LocalDate today) {
        if (studies.count("name", STUDY_NAME) > 0) {
            LOG.debug("Demo study already present; not seeding");
            return false;
        }
        Instant now = Instant.now();
        Study study = new Study();
        study.id = UUID.randomUUID();
        study.name = STUDY_NAME;
        study.description = "Two-arm pilot (Frontiers in Pain Research, 2023): high-dose intramuscular ketamine 24 h "
                + "before therapy (psychedelic) vs low-dose sublingual lozenges during therapy (psycholytic). "
                + "Outcomes at baseline and after sessions 1, 3 and 6. Demo data.";
        study.createdAt = now;
        study.createdBy = "demo-seed";
        study.persist();
        arm(study, "psychedelic-im", "Psychedelic: high-dose IM ketamine 24 h before therapy", 0);
        arm(study, "psycholytic-sl", "Psycholytic: low-dose sublingual ketamine during therapy", 1);
        StudyStaff staff = new StudyStaff();
        staff.id = UUID.randomUUID();
        staff.studyId = study.id;
        staff.subject = CLINICIAN;
        staff.role = "clinician";
        staff.addedAt = now;
        staff.addedBy = "demo-seed";
        staff.persist();

        Protocol protocol = pilotProtocol();
        ProtocolVersion version = ProtocolVersion.of(study.id, 1, protocol, false, 0, "demo-seed", now);
        version.persist();
        version.timepointRows().forEach(row -> row.persist());

        List<DemoPatient> enrolled = new ArrayList<>();
        for (DemoPatient d : PATIENTS) {
            if (patients.findByIdentitySubject(d.subject()).isPresent()) {
                LOG.warnf("Demo subject %s already has a patient record; not enrolling it again", d.subject());
                continue;
            }
            enroll(study.id, d, today, now);
            enrolled.add(d);
        }
        int submitted = 0;
        for (DemoPatient d : enrolled) {
            submitted += submitVisits(d, today, protocol);
        }
        LOG.infof("Seeded the demo study %s (%d patients, %d responses, staff %s)", study.id, enrolled.size(),
                submitted, CLINICIAN);
        return true;
    }

    /** Submits the patient's visits as the patient, through the submission service (validation, scoring, alerts). */
    private int submitVisits(DemoPatient d, LocalDate today, Protocol protocol) {
        int n = 0;
        ZoneId zone = ZoneId.of(d.zone());
        for (Visit v : d.visits()) {
            var timepoint = protocol.timepoint(v.timepoint()).orElseThrow();
            LocalDate anchor = switch (timepoint.anchor()) {
                case Protocol.ENROLLMENT -> today.minusDays(d.enrolledDaysAgo());
                case "session-1" -> today.minusDays(d.session1DaysAgo());
                case "session-3" -> today.minusDays(d.session3DaysAgo());
                default -> today.minusDays(d.session6DaysAgo());
            };
            Instant completedAt = anchor.plusDays(timepoint.offsetDays() + v.daysAfterDue()).atTime(10, 0)
                    .atZone(zone).toInstant();
            for (String instrument : timepoint.instruments()) {
                if (v.skipped().contains(instrument)) {
                    continue;
                }
                Submission body = new Submission(null, v.timepoint(), instrument, "1.0",
                        DemoAnswers.of(instrument, v.phq9(), v.item9()), completedAt);
                String key = "demo-seed-" + d.code() + "-" + v.timepoint() + "-" + instrument;
                callers.as(d.subject(), Roles.PATIENT, () -> submissions.submitOwn(key, body));
                n++;
            }
        }
        return n;
    }

    static Protocol pilotProtocol() {
        // The pilot study's own choice of scales (protocol content, not a registry: the catalog offers more).
        List<String> all = List.of("phq9", "gad7", "pcl5", "bpi-sf");
        List<TimepointDraft> tps = new ArrayList<>();
        tps.add(new TimepointDraft("T0", "Baseline (before the first session)", "enrollment", 0, 0, 7, all, null, true));
        tps.add(new TimepointDraft("T1", "After session 1", "session-1", 1, 0, 6, all, null, false));
        tps.add(new TimepointDraft("T2", "After session 3", "session-3", 1, 0, 6, all, null, false));
        tps.add(new TimepointDraft("T3", "After session 6 (final)", "session-6", 1, 0, 6, all, null, false));
        ProtocolDraft draft = new ProtocolDraft(List.of("session-1", "session-3", "session-6"), tps,
                "accept_marked_late", 0);
        return new ProtocolValidator(java.util.Set.copyOf(all), java.util.Set.of("psychedelic-im", "psycholytic-sl"))
                .validate(draft).protocol().orElseThrow();
    }

    private static void arm(Study study, String code, String label, int position) {
        StudyArm arm = new StudyArm();
        arm.id = UUID.randomUUID();
        arm.studyId = study.id;
        arm.code = code;
        arm.label = label;
        arm.position = position;
        arm.persist();
    }

    private void enroll(UUID studyId, DemoPatient d, LocalDate today, Instant now) {
        Patient p = new Patient();
        p.id = UUID.randomUUID();
        p.identitySubject = d.subject();
        p.createdAt = now;
        p.createdBy = "demo-seed";
        p.persist();
        LocalDate enrolled = today.minusDays(d.enrolledDaysAgo());
        PatientTimeZone z = new PatientTimeZone();
        z.id = UUID.randomUUID();
        z.patientId = p.id;
        z.zoneId = d.zone();
        z.validFrom = enrolled.atStartOfDay(ZoneId.of(d.zone())).toInstant();
        z.recordedAt = now;
        z.recordedBy = "demo-seed";
        z.persist();
        Enrollment e = new Enrollment();
        e.id = UUID.randomUUID();
        e.patientId = p.id;
        e.studyId = studyId;
        e.armCode = d.arm();
        e.subjectCode = d.code();
        e.protocolVersion = 1;
        e.enrollmentDate = enrolled;
        e.enrolledAt = now;
        e.enrolledBy = "demo-seed";
        e.persist();
        event(e, "session-1", d.session1DaysAgo(), today, now);
        event(e, "session-3", d.session3DaysAgo(), today, now);
        event(e, "session-6", d.session6DaysAgo(), today, now);
        audit.event(AuditAction.CREATE, AuditResource.ENROLLMENT).id(e.id).patient(p.id).study(studyId)
                .detail("seed", true).allowed();
    }

    private static void event(Enrollment e, String anchor, Integer daysAgo, LocalDate today, Instant now) {
        if (daysAgo == null) {
            return;
        }
        EventOccurrence ev = new EventOccurrence();
        ev.id = UUID.randomUUID();
        ev.enrollmentId = e.id;
        ev.patientId = e.patientId;
        ev.anchor = anchor;
        ev.localDate = today.minusDays(daysAgo);
        ev.revision = 1;
        ev.recordedAt = now;
        ev.recordedBy = "demo-seed";
        ev.persist();
    }
}
