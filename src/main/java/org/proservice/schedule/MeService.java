package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.patient.Patient;
import org.proservice.schedule.MeDtos.Me;
import org.proservice.schedule.MeDtos.MyEnrollment;
import org.proservice.schedule.MeDtos.NextDue;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.StudyPatientSettingsRepository;
import org.proservice.study.StudyRepository;

/** The patient's own overview: studies, subject codes, what is due next; the arm only where the study shows it. */
@ApplicationScoped
public class MeService {

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    StudyRepository studies;
    @Inject
    StudyPatientSettingsRepository settings;
    @Inject
    TaskService tasks;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Me me() {
        Patient p = policy.requireSelf(AuditAction.READ);
        List<Enrollment> own = patientEnrollments.own(p.id);
        Map<UUID, NextDue> next = tasks.nextDue(own, Instant.now());
        List<MyEnrollment> views = own.stream().map(e -> new MyEnrollment(e.id, e.studyId,
                studies.findById(e.studyId).name, e.subjectCode,
                settings.of(e.studyId).armVisible() ? e.armCode : null, e.enrollmentDate, next.get(e.id))).toList();
        audit.event(AuditAction.READ, AuditResource.PATIENT).id("me").patient(p.id)
                .study(own.size() == 1 ? own.get(0).studyId : null).detail("enrollments", own.size()).allowed();
        return new Me(caller.subject(), p.id, views);
    }
}
