package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.proservice.alert.AlertService;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemException;
import org.proservice.instrument.ScoringService;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.Amendment;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EnrollmentRepository;
import org.proservice.scoring.Score;
import org.proservice.scoring.Scorer;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Corrects a response: a new response with the new answers, re-scored, that supersedes the current one. Nothing is
 * updated: the old row stays as it was, and it is "superseded" because the new row names it
 * ({@code response.supersedes_id}, unique, so a response is superseded at most once and the trail is a chain).
 * The amendment keeps the task, mode, completion time and timing of the administration it corrects; its author is
 * the clinician, its reason is stored with it. Alerts are raised for rules the corrected score triggers that the
 * amended one did not.
 */
@ApplicationScoped
public class AmendmentService {

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    ResponseRepository responses;
    @Inject
    EnrollmentRepository enrollments;
    @Inject
    SubmissionService submissions;
    @Inject
    ScoringService scoring;
    @Inject
    ResponseViews views;
    @Inject
    AlertService alerts;

    @Inject
    IdempotencyKeys keys;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * @param idempotencyKey optional: with a key, a retry (same key, same body) gets the amendment already stored
     *                       and a different body with the same key is 409 PRO-1013; without one, a retry is refused
     *                       with 409 PRO-1503 (the response is already amended) - never stored twice either way
     */
    @Transactional
    public SubmissionService.Result amend(UUID patientId, UUID responseId, String idempotencyKey, Amendment body) {
        Patient patient = access.requirePatient(patientId, AuditAction.UPDATE);
        String hash = idempotencyKey == null ? null
                : RequestHash.of("amend|" + patient.id + "|" + responseId, json.valueToTree(body));
        if (idempotencyKey != null) {
            var existing = keys.find(patient.id, caller.subject(), idempotencyKey);
            if (existing.isPresent()) {
                return submissions.replay(existing.get(), hash);
            }
        }
        ResponseRecord old = responses.findOfPatient(patient.id, responseId)
                .filter(r -> access.visibleStudyIds().contains(r.studyId))
                .orElseThrow(() -> {
                    audit.event(AuditAction.UPDATE, AuditResource.RESPONSE).id(responseId).patient(patient.id)
                            .detail("reason", "not_found").denied();
                    return ProblemException.notFound("Response");
                });
        Scorer scorer = submissions.scorer(old.instrumentId,
                body.instrumentVersion() == null ? old.instrumentVersion : body.instrumentVersion());
        Map<String, Object> given = SubmissionService.answers(body.answers());
        Score score = scorer.score(SubmissionService.answered(scoring.validate(scorer.instrumentId(), given)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        ResponseRecord r = new ResponseRecord();
        r.id = UUID.randomUUID();
        r.patientId = old.patientId;
        r.studyId = old.studyId;
        r.enrollmentId = old.enrollmentId;
        r.timepointKey = old.timepointKey;
        r.instrumentId = old.instrumentId;
        r.instrumentVersion = scorer.instrumentVersion();
        r.mode = old.mode;
        r.answers = ResponseViews.storedAnswers(given);
        r.completedAt = old.completedAt;
        r.receivedAt = now;
        r.timing = old.timing;
        r.submittedBy = caller.subject();
        r.submittedRole = caller.auditRole();
        r.supersedesId = old.id;
        r.amendmentReason = body.reason().strip();
        ResponseViews.setScore(r, score);
        if (idempotencyKey != null && !keys.claim(patient.id, caller.subject(), idempotencyKey, hash, r.id)) {
            return submissions.replay(keys.find(patient.id, caller.subject(), idempotencyKey).orElseThrow(), hash);
        }
        if (responses.findSuperseding(old.id).isPresent()) {
            throw new ProblemException(ErrorCode.RESPONSE_ALREADY_SUPERSEDED,
                    "The response has already been amended; amend the current version");
        }
        submissions.insert(r);

        Set<String> before = new HashSet<>(alerts.triggered(ResponseViews.score(old)));
        List<String> raised = alerts.triggered(score).stream()
                .filter(rule -> !before.contains(rule)).toList();
        Enrollment enrollment = enrollments.findById(old.enrollmentId);
        submissions.afterInsert(r, enrollment, raised, now);
        Map<String, Object> detail = SubmissionService.auditDetail(r);
        detail.put("supersedes", old.id.toString());
        audit.event(AuditAction.AMEND, AuditResource.RESPONSE).id(r.id).patient(r.patientId).study(r.studyId)
                .detail(detail).allowed();
        return new SubmissionService.Result(views.view(r, null), false);
    }
}
