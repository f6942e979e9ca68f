package org.proservice.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.proservice.alert.AlertDtos.AlertPage;
import org.proservice.alert.AlertDtos.AlertView;
import org.proservice.alert.AlertDtos.StepView;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;
import org.proservice.notify.NoticeData;
import org.proservice.notify.NoticeTypes;
import org.proservice.notify.Outbox;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EnrollmentRepository;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Raises alerts inside the submission transaction and runs their lifecycle. Clinicians see the alerts of the studies
 * they are staff of ({@link AccessPolicy#visibleStudyIds()}); any other alert id is a 404.
 */
@ApplicationScoped
public class AlertService {

    static final int MAX_LIMIT = 200;

    @Inject
    AlertRepository alerts;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    @Inject
    Outbox outbox;

    @Inject
    AlertSettings settings;

    @Inject
    org.proservice.scoring.ScorerRegistry scorers;

    /** The alert rule codes a score triggers: its instrument's alert rules (catalog) and the severe-band setting. */
    public List<String> triggered(org.proservice.scoring.Score score) {
        org.proservice.scoring.ScoringRules rules = scorers.find(score.instrumentId())
                .map(org.proservice.scoring.Scorer::rules).orElse(null);
        return AlertRules.triggered(score, rules, severeBandInstruments());
    }

    /** The configured {@code severe_band} instruments. */
    public Set<String> severeBandInstruments() {
        return new LinkedHashSet<>(settings.severeBandInstruments().orElse(List.of()));
    }

    /**
     * Raises one alert per rule for a stored response, with an {@code alert.raised} outbox notice each, in the
     * caller's transaction. The notice carries ids and links only (no rule code: see {@link NoticeData}).
     */
    @Transactional(TxType.MANDATORY)
    public List<UUID> raise(UUID patientId, UUID studyId, UUID responseId, String instrumentId, String timepointKey,
            Collection<String> rules, Instant raisedAt) {
        List<UUID> ids = new ArrayList<>();
        for (String rule : rules) {
            Alert a = new Alert();
            a.id = UUID.randomUUID();
            a.patientId = patientId;
            a.studyId = studyId;
            a.responseId = responseId;
            a.instrumentId = instrumentId;
            a.rule = rule;
            a.status = Alert.OPEN;
            a.raisedAt = raisedAt;
            alerts.persist(a);
            outbox.enqueue(studyId, NoticeTypes.ALERT_RAISED, NoticeTypes.ALERT_RAISED + ":" + a.id, null,
                    NoticeData.alertRaised(a.id, studyId, patientId, responseId));
            audit.event(AuditAction.CREATE, AuditResource.ALERT).id(a.id).patient(patientId).study(studyId)
                    .detail("rule", rule).detail("responseId", responseId.toString()).allowed();
            ids.add(a.id);
        }
        return ids;
    }

    /** Alerts of the caller's studies (optionally one study and one status), newest first. */
    @Transactional
    public AlertPage list(String status, UUID studyId, String cursor, int limit) {
        if (status != null && !List.of(Alert.OPEN, Alert.ACKNOWLEDGED, Alert.RESOLVED).contains(status)) {
            throw ProblemException.invalid("Unknown alert status", List.of(new Problem.FieldError("status",
                    "invalid_value", "must be one of open, acknowledged, resolved")));
        }
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<UUID> studies = access.visibleStudyIds();
        if (studyId != null) {
            studies = studies.contains(studyId) ? List.of(studyId) : List.of();
            if (studies.isEmpty()) {
                access.requireStudyStaff(studyId);
            }
        }
        List<Alert> page = alerts.list(studies, status, AlertCursor.decode(cursor), size + 1);
        boolean more = page.size() > size;
        if (more) {
            page = page.subList(0, size);
        }
        Map<String, String> codes = subjectCodes(page);
        Instant now = Instant.now();
        List<AlertView> views = page.stream().map(a -> view(a, codes, now)).toList();
        // one audit row per patient whose alerts the caller read (one without a patient for an empty page)
        Map<UUID, UUID> patients = new LinkedHashMap<>();
        page.forEach(a -> patients.putIfAbsent(a.patientId, a.studyId));
        audit.event(AuditAction.READ, AuditResource.ALERT).study(studyId).patients(patients).detail("list", true)
                .allowed();
        String next = more ? new AlertCursor(page.get(page.size() - 1).raisedAt, page.get(page.size() - 1).id)
                .encode() : null;
        return new AlertPage(views, next);
    }

    /** One patient's alert history in one study, oldest first (the patient report). */
    @Transactional
    public List<AlertView> history(UUID patientId, UUID studyId) {
        access.requirePatient(patientId, AuditAction.READ);
        List<Alert> rows = access.visibleStudyIds().contains(studyId) ? alerts.listByPatient(patientId, studyId)
                : List.of();
        Map<String, String> codes = subjectCodes(rows);
        Instant now = Instant.now();
        audit.event(AuditAction.READ, AuditResource.ALERT).patient(patientId).study(studyId).detail("history", true)
                .detail("alerts", rows.size()).allowed();
        return rows.stream().map(a -> view(a, codes, now)).toList();
    }

    @Transactional
    public AlertView acknowledge(UUID id, String note) {
        return step(id, Alert.OPEN, Alert.ACKNOWLEDGED, AuditAction.ACKNOWLEDGE, note);
    }

    @Transactional
    public AlertView resolve(UUID id, String note) {
        if (note == null || note.isBlank()) {
            throw ProblemException.invalid("A note is required to resolve an alert", List.of(
                    new Problem.FieldError("note", "required", "say what was done")));
        }
        return step(id, Alert.ACKNOWLEDGED, Alert.RESOLVED, AuditAction.RESOLVE, note);
    }

    private AlertView step(UUID id, String from, String to, AuditAction verb, String note) {
        Alert alert = alerts.findInStudies(id, access.visibleStudyIds()).orElse(null);
        if (alert == null) {
            audit.event(verb, AuditResource.ALERT).id(id).detail("reason", "not_found").denied();
            throw ProblemException.notFound("Alert");
        }
        access.requirePatient(alert.patientId, AuditAction.UPDATE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String trimmed = note == null || note.isBlank() ? null : note.strip();
        if (!alerts.transition(alert.id, from, to, caller.subject(), now, trimmed)) {
            throw new ProblemException(ErrorCode.ALERT_TRANSITION_INVALID, "The alert is " + alert.status
                    + "; only a" + (Alert.OPEN.equals(from) ? "n open" : "n acknowledged") + " alert can be "
                    + (Alert.OPEN.equals(from) ? "acknowledged" : "resolved"));
        }
        alerts.getEntityManager().refresh(alert);
        audit.event(verb, AuditResource.ALERT).id(alert.id).patient(alert.patientId).study(alert.studyId)
                .detail("from", from).detail("to", to).allowed();
        return view(alert, subjectCodes(List.of(alert)), Instant.now());
    }

    AlertView view(Alert a, Map<String, String> subjectCodes, Instant now) {
        Instant due = a.raisedAt.plus(settings.acknowledgeWithin());
        boolean overdue = Alert.OPEN.equals(a.status) && now.isAfter(due);
        return new AlertView(a.id, a.patientId, subjectCodes.get(a.patientId + "/" + a.studyId), a.studyId,
                a.responseId, a.instrumentId, a.rule, a.status, a.raisedAt, due, overdue,
                a.acknowledgedAt == null ? null : new StepView(a.acknowledgedBy, a.acknowledgedAt, a.acknowledgeNote),
                a.resolvedAt == null ? null : new StepView(a.resolvedBy, a.resolvedAt, a.resolveNote));
    }

    private Map<String, String> subjectCodes(List<Alert> page) {
        Set<UUID> patients = new LinkedHashSet<>();
        page.forEach(a -> patients.add(a.patientId));
        Map<String, String> codes = new HashMap<>();
        if (patients.isEmpty()) {
            return codes;
        }
        List<Enrollment> rows = enrollments.list("patientId in ?1", patients);
        rows.forEach(e -> codes.put(e.patientId + "/" + e.studyId, e.subjectCode));
        return codes;
    }
}
