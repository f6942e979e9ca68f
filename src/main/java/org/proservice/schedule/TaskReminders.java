package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.proservice.notify.NoticeData;
import org.proservice.notify.NoticeTypes;
import org.proservice.notify.Outbox;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.schedule.TaskPlanner.TaskKey;

/**
 * Task reminders ({@code task.opened}, {@code task.closing}) in the outbox, kept in step with the derived tasks.
 * Every write that can change a patient's tasks (enrollment, event recorded or corrected, time-zone change, protocol
 * migration) calls {@link #replan} in its own transaction; an excusal calls {@link #cancel}; the response feature
 * cancels on completion. Tasks come from {@link ScheduleLoader}/{@link TaskPlanner} only.
 *
 * <p>For each task that is {@code not_yet_open} or {@code open} at the time of the write:
 * <ul>
 * <li>{@code task.opened} at the window's {@code opens};</li>
 * <li>{@code task.closing} at the deadline ({@code closes} + grace hours) minus
 * {@code pro.notify.reminders.closing-lead}, but not before {@code opens}.</li>
 * </ul>
 * A time that has already passed while the task is still open means "now" (a baseline task whose window opened at
 * local midnight of the enrollment day, an event recorded late). The dedup keys are
 * {@code <type>:<enrollmentId>:<timepointKey>:<instrumentId>}, the format the response feature cancels: one notice
 * of each type per task for ever, moved while still pending ({@link Outbox#schedule}) and never sent twice.
 * Reminders of tasks that are no longer open (timepoint removed, window moved into the past) are left to
 * {@link TaskReminderGuard}, which withdraws them when they fall due.
 */
@ApplicationScoped
public class TaskReminders {

    @Inject
    EntityManager em;

    @Inject
    ScheduleLoader loader;

    @Inject
    Outbox outbox;

    @Inject
    ReminderSettings settings;

    /** The dedup key of a task's reminder of {@code type}; the response feature cancels by the same key. */
    public static String dedupKey(String type, UUID enrollmentId, TaskKey task) {
        return type + ":" + enrollmentId + ":" + task.timepointKey() + ":" + task.instrumentId();
    }

    /** Schedules (or moves) the reminders of every open or future task of these enrollments. */
    @Transactional(TxType.MANDATORY)
    public void replan(List<Enrollment> enrollments) {
        if (enrollments.isEmpty()) {
            return;
        }
        em.flush(); // the loader's set-based queries must see the caller's writes
        scheduleAll(loader.forEnrollments(enrollments));
    }

    /**
     * The same for enrollments of one study (a protocol migration), loaded with study-scoped queries rather than a
     * list of ids, however many there are.
     */
    @Transactional(TxType.MANDATORY)
    public void replanInStudy(UUID studyId, List<Enrollment> enrollments) {
        if (enrollments.isEmpty()) {
            return;
        }
        em.flush();
        scheduleAll(loader.forStudy(studyId, enrollments));
    }

    private void scheduleAll(List<EnrollmentSchedule> schedules) {
        Instant now = Instant.now();
        for (EnrollmentSchedule s : schedules) {
            if (s.facts().isEmpty()) {
                continue;
            }
            int graceHours = s.facts().get().protocol().graceHours();
            for (PlannedTask t : s.tasks(now)) {
                if (t.status() == TaskStatus.OPEN || t.status() == TaskStatus.NOT_YET_OPEN) {
                    schedule(s.enrollment(), t, graceHours, now);
                }
            }
        }
    }

    @Transactional(TxType.MANDATORY)
    public void replan(Enrollment enrollment) {
        replan(List.of(enrollment));
    }

    /** Withdraws a task's pending reminders (the task was completed or excused). */
    @Transactional(TxType.MANDATORY)
    public void cancel(UUID enrollmentId, TaskKey task, String reason) {
        outbox.cancel(List.of(dedupKey(NoticeTypes.TASK_OPENED, enrollmentId, task),
                dedupKey(NoticeTypes.TASK_CLOSING, enrollmentId, task)), reason);
    }

    /** When {@code task.closing} falls due: the deadline minus the lead, not before the window opens. */
    static Instant closingAt(TaskWindow window, int graceHours, Duration lead) {
        Instant at = TaskStatusRule.deadline(window, graceHours).minus(lead);
        return at.isBefore(window.opens()) ? window.opens() : at;
    }

    private void schedule(Enrollment e, PlannedTask t, int graceHours, Instant now) {
        TaskWindow w = t.window();
        Map<String, Object> payload = payload(e, t);
        outbox.schedule(e.studyId, NoticeTypes.TASK_OPENED, dedupKey(NoticeTypes.TASK_OPENED, e.id, t.key()),
                notBefore(w.opens(), now), payload);
        outbox.schedule(e.studyId, NoticeTypes.TASK_CLOSING, dedupKey(NoticeTypes.TASK_CLOSING, e.id, t.key()),
                notBefore(closingAt(w, graceHours, settings.closingLead()), now), payload);
    }

    private static Instant notBefore(Instant at, Instant now) {
        return at.isBefore(now) ? now : at;
    }

    /** Ids, the task's protocol keys and a link only: no window dates (they follow treatment dates), no answers. */
    static Map<String, Object> payload(Enrollment e, PlannedTask t) {
        return NoticeData.task(e.id, e.studyId, e.patientId, t.timepoint().key(), t.instrumentId());
    }

    /** The task a reminder's dedup key names, if it has the reminder format. */
    static Optional<ReminderTarget> target(String type, String dedupKey) {
        String prefix = type + ":";
        if (dedupKey == null || !dedupKey.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = dedupKey.substring(prefix.length());
        int first = rest.indexOf(':');
        int last = rest.lastIndexOf(':');
        if (first <= 0 || last <= first + 1 || last == rest.length() - 1) {
            return Optional.empty();
        }
        try {
            UUID enrollment = UUID.fromString(rest.substring(0, first));
            return Optional.of(new ReminderTarget(enrollment,
                    new TaskKey(rest.substring(first + 1, last), rest.substring(last + 1))));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    record ReminderTarget(UUID enrollmentId, TaskKey task) {
    }
}
