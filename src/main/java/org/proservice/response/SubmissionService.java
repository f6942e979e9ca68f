package org.proservice.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.alert.AlertService;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.instrument.AnswerValues;
import org.proservice.instrument.ScoringService;
import org.proservice.notify.NoticeData;
import org.proservice.notify.NoticeTypes;
import org.proservice.notify.Outbox;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.Submission;
import org.proservice.response.ResponseDtos.ResponseView;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.PatientEnrollments;
import org.proservice.schedule.TaskPlanner.TaskKey;
import org.proservice.schedule.TaskReminders;
import org.proservice.scoring.Score;
import org.proservice.scoring.Scorer;
import org.proservice.scoring.ScorerRegistry;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Stores a submission exactly once. One transaction writes the idempotency claim, the response with its score, any
 * alerts (with their outbox notices), the {@code response.stored} notice, the cancellation of the task's pending
 * reminders and the audit event - all or nothing.
 *
 * <h2>Idempotency</h2>
 * The key is scoped to (patient, caller) and claimed before anything else is done. A request whose key is already
 * stored is answered from the stored response when its canonical hash matches (201, same id and body; a response
 * amended since then shows its current status) and refused with 409 {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}
 * otherwise. Concurrent requests with one key
 * serialise on the claim row ({@link IdempotencyKeys#claim}): exactly one stores, the others replay.
 *
 * <h2>Tasks</h2>
 * A scheduled submission names its task by timepoint key and instrument id and is judged by {@link TaskJudge}. A
 * task takes one original submission: a second submission with another key is 409
 * {@link ErrorCode#TASK_ALREADY_COMPLETED}, found by the judge from the task's state, or by
 * {@code response_one_per_task_uq} when two race; a correction is an amendment, and a clinician can still record an
 * unscheduled administration.
 */
@ApplicationScoped
public class SubmissionService {

    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    ScoringService scoring;
    @Inject
    ScorerRegistry scorers;
    @Inject
    TaskJudge judge;
    @Inject
    IdempotencyKeys keys;
    @Inject
    ResponseRepository responses;
    @Inject
    ResponseViews views;
    @Inject
    AlertService alerts;
    @Inject
    Outbox outbox;
    @Inject
    TaskReminders reminders;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @Inject
    CrisisMessages crisis;

    /**
     * The stored (or replayed) response; {@code alertRaised} says whether storing it raised a safety alert, null
     * when not known here (a replay: {@link CrisisMessages} then looks the response's alerts up).
     */
    public record Result(ResponseView response, boolean replayed, Boolean alertRaised) {

        public Result(ResponseView response, boolean replayed) {
            this(response, replayed, null);
        }
    }

    /** {@code POST /me/responses}: the patient's own submission (mode self). */
    @Transactional
    public Result submitOwn(String idempotencyKey, Submission body) {
        readOnlyLoads();
        Patient patient = access.requireSelf(AuditAction.CREATE);
        Result result = submit(patient, patientEnrollments.own(patient.id), idempotencyKey, body,
                ResponseRecord.MODE_SELF, false);
        return crisis.attachTo(result);
    }

    /**
     * {@code POST /fhir/r4/QuestionnaireResponse}: the patient's own submission, in the same path as
     * {@link #submitOwn}; a body without a timepoint key goes to the one open task of its instrument
     * ({@link TaskJudge#matchOpenTask}), matched after the idempotency claim so that a retry replays.
     */
    @Transactional
    public Result submitOwnMatchingTask(String idempotencyKey, Submission body) {
        readOnlyLoads();
        Patient patient = access.requireSelf(AuditAction.CREATE);
        return crisis.attachTo(submit(patient, patientEnrollments.own(patient.id), idempotencyKey, body,
                ResponseRecord.MODE_SELF, true));
    }

    /** {@code POST /patients/{pid}/responses}: a clinician-administered submission. */
    @Transactional
    public Result submitForPatient(UUID patientId, String idempotencyKey, Submission body) {
        readOnlyLoads();
        Patient patient = access.requirePatient(patientId, AuditAction.CREATE);
        return submit(patient, patientEnrollments.ofStaff(patient.id), idempotencyKey, body,
                ResponseRecord.MODE_CLINICIAN, false);
    }

    /**
     * Entities this transaction loads (patient, enrollments, the schedule's rows) are only read: loading them
     * read-only spares Hibernate their snapshots and the dirty check at each of the transaction's automatic flushes
     * (one before every statement). The response, alerts and notices it creates are written as usual.
     */
    private void readOnlyLoads() {
        em.unwrap(Session.class).setDefaultReadOnly(true);
    }

    private Result submit(Patient patient, List<Enrollment> enrollments, String key, Submission body, String mode,
            boolean matchTask) {
        String subject = caller.subject();
        String hash = RequestHash.of(mode + "|" + patient.id, json.valueToTree(body));
        ResponseRecord r = new ResponseRecord();
        r.id = UUID.randomUUID();
        // The claim comes first: a request whose key is taken replays (or waits for the request holding it to end);
        // anything refused below rolls the claim back with the rest.
        if (!keys.claim(patient.id, subject, key, hash, r.id)) {
            return replay(keys.find(patient.id, subject, key).orElseThrow(), hash);
        }
        boolean clinician = ResponseRecord.MODE_CLINICIAN.equals(mode);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Enrollment enrollment = patientEnrollments.resolve(enrollments, body.studyId(), ErrorCode.STUDY_AMBIGUOUS);
        Scorer scorer = scorer(body.instrumentId(), body.instrumentVersion());
        Map<String, Object> given = answers(body.answers());
        Score score = scorer.score(answered(scoring.validate(scorer.instrumentId(), given)));
        Instant completedAt = completedAt(body.completedAt(), now);
        String timepointKey = body.timepointKey();
        if ((timepointKey == null || timepointKey.isBlank()) && matchTask) {
            timepointKey = judge.matchOpenTask(enrollment, scorer.instrumentId(), now);
        }
        String timing;
        if (timepointKey == null || timepointKey.isBlank()) {
            if (!clinician) {
                throw ProblemException.invalid("A patient's submission names its task", List.of(
                        new FieldError("timepointKey", "required", "the timepoint key of the task")));
            }
            timing = TaskJudge.UNSCHEDULED;
        } else {
            timing = judge.judge(enrollment, timepointKey, scorer.instrumentId(), completedAt, clinician);
        }

        r.patientId = patient.id;
        r.studyId = enrollment.studyId;
        r.enrollmentId = enrollment.id;
        r.timepointKey = TaskJudge.UNSCHEDULED.equals(timing) ? null : timepointKey;
        r.instrumentId = scorer.instrumentId();
        r.instrumentVersion = scorer.instrumentVersion();
        r.mode = mode;
        r.answers = ResponseViews.storedAnswers(given);
        r.completedAt = completedAt;
        r.receivedAt = now;
        r.timing = timing;
        r.submittedBy = subject;
        r.submittedRole = caller.auditRole();
        ResponseViews.setScore(r, score);
        insert(r);
        List<String> alertRules = alerts.triggered(score);
        afterInsert(r, enrollment, alertRules, now);
        audit.event(AuditAction.CREATE, AuditResource.RESPONSE).id(r.id).patient(patient.id).study(r.studyId)
                .detail(auditDetail(r)).allowed();
        return new Result(views.view(r, null), false, !alertRules.isEmpty());
    }

    /** Alerts, the stored notice and the end of the task's reminders, in the caller's transaction. */
    void afterInsert(ResponseRecord r, Enrollment enrollment, List<String> alertRules, Instant now) {
        alerts.raise(r.patientId, r.studyId, r.id, r.instrumentId, r.timepointKey, alertRules, now);
        outbox.enqueue(r.studyId, NoticeTypes.RESPONSE_STORED, NoticeTypes.RESPONSE_STORED + ":" + r.id, null,
                NoticeData.responseStored(r.id, r.studyId, r.patientId));
        if (r.timepointKey != null && r.supersedesId == null) {
            reminders.cancel(enrollment.id, new TaskKey(r.timepointKey, r.instrumentId), "task_completed");
        }
    }

    /** Inserts now, so that a second submission for the task surfaces here as a 409. */
    void insert(ResponseRecord r) {
        responses.persist(r);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Violations.of(e, "response_one_per_task_uq")) {
                throw taskCompleted();
            }
            if (Violations.of(e, "response_supersedes_once")) {
                throw new ProblemException(ErrorCode.RESPONSE_ALREADY_SUPERSEDED,
                        "The response has already been amended; amend the current version");
            }
            throw e;
        }
    }

    Result replay(IdempotencyKeys.Claim claim, String hash) {
        if (!claim.requestHash().equals(hash)) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a "
                    + "different request; use a new key for a new submission");
        }
        ResponseRecord r = responses.findById(claim.responseId());
        UUID supersededBy = responses.findSuperseding(r.id).map(s -> s.id).orElse(null);
        Map<String, Object> detail = auditDetail(r);
        detail.put("replayed", true);
        audit.event(AuditAction.CREATE, AuditResource.RESPONSE).id(r.id).patient(r.patientId).study(r.studyId)
                .detail(detail).allowed();
        return new Result(views.view(r, supersededBy), true);
    }

    Scorer scorer(String instrumentId, String version) {
        Scorer scorer = scorers.find(instrumentId).orElseThrow(() -> ProblemException.unprocessable(
                "Unknown instrument", List.of(new FieldError("instrumentId", "unknown_instrument",
                        "must be one of " + String.join(", ", scorers.ids())))));
        if (version != null && !scorer.instrumentVersion().equals(version)) {
            throw new ProblemException(ErrorCode.UNSUPPORTED_INSTRUMENT_VERSION, "This service scores "
                    + scorer.instrumentId() + " version " + scorer.instrumentVersion(), List.of(new FieldError(
                            "instrumentVersion", "unsupported_version", "must be " + scorer.instrumentVersion())));
        }
        return scorer;
    }

    static Map<String, Object> answers(JsonNode answers) {
        if (answers == null || !answers.isObject()) {
            throw ProblemException.invalid("answers must be a JSON object", List.of(
                    new FieldError("answers", "not_an_object", "an object of item id -> integer code")));
        }
        return AnswerValues.fromJson(answers);
    }

    /**
     * Valid answers with at least one answered item. A questionnaire without any answer is not a completion: it is
     * refused (nothing stored, the task stays open) rather than using up the task with an unscorable response.
     */
    static Map<String, Integer> answered(Map<String, Integer> valid) {
        if (valid.values().stream().noneMatch(java.util.Objects::nonNull)) {
            throw new ProblemException(ErrorCode.NO_ANSWERED_ITEM, "The questionnaire has no answered item; "
                    + "nothing was stored and the task stays open", List.of(new FieldError("answers", "none_answered",
                            "answer at least one item (null or an absent item means unanswered)")));
        }
        return valid;
    }

    static Instant completedAt(Instant given, Instant now) {
        if (given.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            throw new ProblemException(ErrorCode.COMPLETION_TIME_INVALID, "The completion time is in the future",
                    List.of(new FieldError("completedAt", "in_future",
                            "must not be more than 5 minutes ahead of the server clock")));
        }
        return given.truncatedTo(ChronoUnit.MICROS);
    }

    static Map<String, Object> auditDetail(ResponseRecord r) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("instrumentId", r.instrumentId);
        if (r.timepointKey != null) {
            detail.put("timepointKey", r.timepointKey);
        }
        detail.put("mode", r.mode);
        detail.put("timing", r.timing);
        return detail;
    }

    static ProblemException taskCompleted() {
        return new ProblemException(ErrorCode.TASK_ALREADY_COMPLETED, "The task already has a response; correct it "
                + "with an amendment, or record an unscheduled administration");
    }
}
