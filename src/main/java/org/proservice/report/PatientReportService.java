package org.proservice.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.proservice.alert.AlertDtos.AlertView;
import org.proservice.alert.AlertService;
import org.proservice.error.ErrorCode;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.ScoreSeries;
import org.proservice.response.ScoreSeriesService;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EventService;
import org.proservice.schedule.PatientEnrollments;
import org.proservice.schedule.ScheduleDtos.EventView;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.Study;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.StudyRepository;

/**
 * Gathers a patient's report in one transaction from the services that own each part, so their access rules and
 * audit rows apply unchanged: {@link ScoreSeriesService} (scores, baseline, change and thresholds),
 * {@link EventService} (sessions), {@link AlertService} (alert history). The report itself adds one audit row.
 */
@ApplicationScoped
public class PatientReportService {

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    StudyRepository studies;
    @Inject
    StudyArmRepository arms;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    ScoreSeriesService scores;
    @Inject
    EventService events;
    @Inject
    AlertService alerts;

    /** The data of one report; {@code series} holds only instruments the patient has answered. */
    public record ReportData(UUID studyId, String studyName, String subjectCode, String arm, int protocolVersion,
            String enrollmentDate, Instant generatedAt, String generatedBy, List<InstrumentSeries> series,
            List<EventView> events, List<AlertView> alerts) {
    }

    public record InstrumentSeries(InstrumentDefinition instrument, ScoreSeries series) {
    }

    @Transactional
    public ReportData gather(UUID patientId, UUID studyId, String format) {
        Patient p = access.requirePatient(patientId, AuditAction.READ);
        Enrollment e = patientEnrollments.resolve(patientEnrollments.ofStaff(p.id), studyId,
                ErrorCode.STUDY_AMBIGUOUS);
        Study study = studies.findById(e.studyId);
        String arm = arms.findByCode(e.studyId, e.armCode).map(a -> a.label + " (" + a.code + ")")
                .orElse(e.armCode);
        List<InstrumentSeries> series = new ArrayList<>();
        for (InstrumentDefinition d : catalog.all()) {
            ScoreSeries s = scores.series(p.id, d.id(), e.studyId);
            if (!s.points().isEmpty()) {
                series.add(new InstrumentSeries(d, s));
            }
        }
        List<EventView> sessions = events.list(p.id).stream().filter(ev -> ev.studyId().equals(e.studyId))
                .toList();
        List<AlertView> history = alerts.history(p.id, e.studyId);
        audit.event(AuditAction.READ, AuditResource.PATIENT_REPORT).patient(p.id).study(e.studyId)
                .detail("format", format).detail("instruments", series.size()).allowed();
        return new ReportData(e.studyId, study.name, e.subjectCode, arm, e.protocolVersion,
                e.enrollmentDate.toString(), Instant.now(), caller.subject(), series, sessions, history);
    }
}
