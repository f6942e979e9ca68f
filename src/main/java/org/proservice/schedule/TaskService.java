package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.schedule.ScheduleDtos.ExcuseTask;
import org.proservice.schedule.TaskDtos.TaskList;
import org.proservice.schedule.TaskDtos.TaskView;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.schedule.TaskPlanner.TaskKey;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Assessment tasks: derived on every read from protocol, events, time zones, excusals and completions (never
 * stored), for a clinician (a patient of the caller's studies) or a patient (their own). Excusals are the only
 * task fact written here.
 */
@ApplicationScoped
public class TaskService {

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    EntityManager em;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    ScheduleLoader loader;
    @Inject
    TaskExcusalRepository excusals;
    @Inject
    TaskReminders reminders;
    @Inject
    org.proservice.study.StudyPatientSettingsRepository patientSettings;

    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskList forPatient(UUID patientId, TaskFilter filter) {
        Patient p = policy.requirePatient(patientId, AuditAction.READ);
        return list(p, patientEnrollments.ofStaff(p.id), filter, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskList mine(TaskFilter filter) {
        Patient p = policy.requireSelf(AuditAction.READ);
        return list(p, patientEnrollments.own(p.id), filter, false);
    }

    /**
     * What is due next per enrollment (no access check, no audit: for a caller that did both): the open timepoint
     * with the earliest deadline, else the timepoint that opens next; null when neither exists.
     */
    public java.util.Map<UUID, MeDtos.NextDue> nextDue(List<Enrollment> enrollments, Instant now) {
        java.util.Map<UUID, MeDtos.NextDue> out = new java.util.HashMap<>();
        for (EnrollmentSchedule s : loader.forEnrollments(enrollments)) {
            if (s.facts().isEmpty()) {
                continue;
            }
            int grace = s.facts().get().protocol().graceHours();
            List<PlannedTask> ahead = s.tasks(now).stream()
                    .filter(t -> t.window() != null
                            && (t.status() == TaskStatus.OPEN || t.status() == TaskStatus.NOT_YET_OPEN))
                    .toList();
            java.util.Comparator<PlannedTask> order = java.util.Comparator
                    .comparing((PlannedTask t) -> t.status() == TaskStatus.OPEN ? 0 : 1)
                    .thenComparing(t -> t.status() == TaskStatus.OPEN
                            ? TaskStatusRule.deadline(t.window(), grace) : t.window().opens());
            ahead.stream().min(order).ifPresent(first -> {
                List<String> instruments = ahead.stream()
                        .filter(t -> t.timepoint().key().equals(first.timepoint().key())
                                && t.status() == first.status())
                        .map(PlannedTask::instrumentId).toList();
                out.put(s.enrollment().id, new MeDtos.NextDue(first.timepoint().key(), first.timepoint().label(),
                        first.status().wireName(), instruments, first.window().opens(),
                        TaskStatusRule.deadline(first.window(), grace)));
            });
        }
        return out;
    }

    private TaskList list(Patient p, List<Enrollment> enrollments, TaskFilter filter, boolean staffView) {
        Instant now = Instant.now();
        List<TaskView> views = new ArrayList<>();
        for (EnrollmentSchedule s : loader.forEnrollments(enrollments)) {
            ZoneHistory zones = s.facts().map(TaskPlanner.EnrollmentFacts::zones).orElse(null);
            boolean hideArm = !staffView && !patientSettings.of(s.enrollment().studyId).armVisible();
            for (PlannedTask t : s.tasks(now)) {
                if (filter.matches(t)) {
                    TaskView v = TaskView.of(s, t, staffView,
                            t.window() == null ? null : zones.zoneAt(t.window().opens()));
                    views.add(hideArm ? v.withoutArm() : v);
                }
            }
        }
        audit.event(AuditAction.READ, AuditResource.TASK).patient(p.id)
                .study(enrollments.size() == 1 ? enrollments.get(0).studyId : null).detail("tasks", views.size())
                .allowed();
        return new TaskList(now, views);
    }

    @Transactional
    public TaskView excuse(UUID patientId, String timepointKey, String instrumentId, ExcuseTask body) {
        Patient p = policy.requirePatient(patientId, AuditAction.UPDATE);
        Enrollment e = patientEnrollments.resolve(patientEnrollments.ofStaff(p.id), body.studyId(),
                ErrorCode.UNPROCESSABLE);
        em.lock(e, LockModeType.PESSIMISTIC_WRITE);
        TaskKey key = new TaskKey(timepointKey, instrumentId);
        Instant now = Instant.now();
        PlannedTask task = loader.forEnrollment(e).task(key, now)
                .orElseThrow(() -> ProblemException.notFound("Task"));
        switch (task.status()) {
            case COMPLETED, COMPLETED_LATE -> throw new ProblemException(ErrorCode.TASK_ALREADY_COMPLETED,
                    "A completed task cannot be excused");
            case EXCUSED -> throw new ProblemException(ErrorCode.TASK_ALREADY_EXCUSED, "The task is already excused");
            default -> {
            }
        }
        TaskExcusal x = new TaskExcusal();
        x.id = UUID.randomUUID();
        x.enrollmentId = e.id;
        x.patientId = p.id;
        x.timepointKey = timepointKey;
        x.instrumentId = instrumentId;
        x.reason = body.reason().strip();
        x.excusedAt = now;
        x.excusedBy = caller.subject();
        excusals.persist(x);
        try {
            em.flush();
        } catch (PersistenceException ex) {
            if (Constraints.violated(ex, "task_excusal_uq")) {
                throw new ProblemException(ErrorCode.TASK_ALREADY_EXCUSED, "The task is already excused");
            }
            throw ex;
        }
        reminders.cancel(e.id, key, "task_excused");
        // The reason is free text: it stays out of the audit detail.
        audit.event(AuditAction.CREATE, AuditResource.TASK_EXCUSAL).id(x.id).patient(p.id).study(e.studyId)
                .detail("timepointKey", timepointKey).detail("instrumentId", instrumentId)
                .detail("statusBefore", task.status().wireName()).allowed();
        EnrollmentSchedule after = loader.forEnrollment(e);
        PlannedTask excused = after.task(key, now).orElseThrow();
        ZoneHistory zones = after.facts().orElseThrow().zones();
        return TaskView.of(after, excused, true, excused.window() == null ? null : zones.zoneAt(excused.window().opens()));
    }
}
