package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EnrollmentSchedule;
import org.proservice.schedule.ScheduleLoader;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.schedule.TaskPlanner.TaskKey;
import org.proservice.schedule.TaskStatus;
import org.proservice.schedule.TaskStatusRule;
import org.proservice.study.protocol.Protocol;
import org.proservice.study.protocol.ProtocolVersion;
import org.proservice.study.protocol.ProtocolVersionRepository;

/**
 * Judges a scheduled submission against its task, using the schedule feature's derivation (protocol version of the
 * enrollment, anchor dates, patient's zone history, window, grace hours, late policy).
 *
 * <ul>
 * <li>no such task for the patient's protocol and arm: 422 {@link ErrorCode#TASK_NOT_FOUND};</li>
 * <li>completed before the window opens: 422 {@link ErrorCode#TASK_NOT_OPEN};</li>
 * <li>anchor event not recorded yet: a patient gets 422 {@link ErrorCode#TASK_NOT_OPEN}; a clinician's
 * administration is accepted with timing {@code no_window} (the task then shows {@code completed});</li>
 * <li>after the deadline (closes + grace): {@code late} under {@code accept_marked_late}, 422
 * {@link ErrorCode#TASK_WINDOW_CLOSED} under {@code reject};</li>
 * <li>otherwise {@code on_time};</li>
 * <li>and, whatever the timing, a task that already has a current response: 409
 * {@link ErrorCode#TASK_ALREADY_COMPLETED}, raised when the response is inserted (one original response per task
 * is a unique index of the response table; amendments keep their task).</li>
 * </ul>
 * The instant judged is the client's completion time: an answer given on time and delivered late from an offline
 * queue is on time.
 */
@ApplicationScoped
public class TaskJudge {

    public static final String ON_TIME = "on_time";
    public static final String LATE = "late";
    public static final String NO_WINDOW = "no_window";
    public static final String UNSCHEDULED = "unscheduled";

    @Inject
    ScheduleLoader loader;

    @Inject
    ProtocolVersionRepository protocolVersions;

    public String judge(Enrollment enrollment, String timepointKey, String instrumentId, Instant completedAt,
            boolean clinician) {
        // Without the task completions: a second response to the task is refused by the response table's unique
        // index when it is inserted (SubmissionService#insert: 409), which also covers two racing submissions.
        EnrollmentSchedule schedule = loader.forEnrollmentIgnoringResponses(enrollment);
        Optional<PlannedTask> task = schedule.task(new TaskKey(timepointKey, instrumentId), Instant.now());
        if (task.isEmpty() || schedule.facts().isEmpty()) {
            throw new ProblemException(ErrorCode.TASK_NOT_FOUND, "The patient's protocol has no such task",
                    List.of(new FieldError("timepointKey", "unknown_task",
                            "no task " + timepointKey + " / " + instrumentId + " for this patient's protocol and arm")));
        }
        Protocol protocol = schedule.facts().get().protocol();
        String timing = switch (TaskStatusRule.classify(task.get().window(), protocol.latePolicy(), protocol.graceHours(),
                completedAt)) {
            case NO_WINDOW -> {
                if (!clinician) {
                    throw new ProblemException(ErrorCode.TASK_NOT_OPEN, "The task is not scheduled yet: its anchor "
                            + "event has not been recorded");
                }
                yield NO_WINDOW;
            }
            case EARLY -> throw new ProblemException(ErrorCode.TASK_NOT_OPEN, "The task's window opens at "
                    + task.get().window().opens() + "; the completion time is before it");
            case ON_TIME -> ON_TIME;
            case LATE_ACCEPTED -> LATE;
            case LATE_REJECTED -> throw new ProblemException(ErrorCode.TASK_WINDOW_CLOSED, "The task's window "
                    + "closed at " + TaskStatusRule.deadline(task.get().window(), protocol.graceHours())
                    + " and the protocol refuses late submissions");
        };
        return timing;
    }

    /**
     * The timepoint key of the one task of {@code instrumentId} that is open at {@code now}; none is 422
     * {@link ErrorCode#FHIR_NO_OPEN_TASK}, several 422 {@link ErrorCode#FHIR_TASK_AMBIGUOUS} naming them.
     */
    public String matchOpenTask(Enrollment enrollment, String instrumentId, Instant now) {
        List<String> open = loader.forEnrollment(enrollment).tasks(now).stream()
                .filter(t -> t.instrumentId().equals(instrumentId) && t.status() == TaskStatus.OPEN)
                .map(t -> t.key().timepointKey()).toList();
        if (open.isEmpty()) {
            throw new ProblemException(ErrorCode.FHIR_NO_OPEN_TASK, "No task of " + instrumentId + " is open now; "
                    + "name the timepoint of a late task", List.of(new FieldError("timepointKey", "no_open_task",
                            "no open task of " + instrumentId)));
        }
        if (open.size() > 1) {
            throw new ProblemException(ErrorCode.FHIR_TASK_AMBIGUOUS, "Several tasks of " + instrumentId
                    + " are open: " + open, List.of(new FieldError("timepointKey", "ambiguous",
                            "name one of " + open)));
        }
        return open.get(0);
    }

    /** The baseline timepoint key of the enrollment's protocol version, if it has one. */
    public Optional<String> baselineKey(Enrollment enrollment) {
        return protocolVersions.find("studyId = ?1 and version = ?2", enrollment.studyId, enrollment.protocolVersion)
                .firstResultOptional().map(v -> ((ProtocolVersion) v).baselineKey);
    }
}
