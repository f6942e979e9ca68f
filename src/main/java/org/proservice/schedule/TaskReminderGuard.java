package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.proservice.notify.Notice;
import org.proservice.notify.NoticeGuard;
import org.proservice.notify.NoticeTypes;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.schedule.TaskReminders.ReminderTarget;

/**
 * The last look at a task reminder before it goes out: the task is derived again (protocol, arm, events, zones,
 * excusals, completions as they are now) and the reminder is delivered only while the task is {@code open}. This
 * covers whatever did not cancel the reminder in time: a completion by a path that forgot to, an excusal, a protocol
 * version without the timepoint or whose arm filter leaves the patient out, a window moved later or into the past.
 *
 * <p>The task is judged at the later of now and the notice's due time, so that a notice due exactly when its
 * window opens is not withdrawn because of a small clock difference between the database and this instance.
 * Notices that are not reminders of a known enrollment (other types, other key formats) pass. A few indexed
 * queries (the loader's), only for {@code task.*} notices.
 */
@ApplicationScoped
public class TaskReminderGuard implements NoticeGuard {

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    ScheduleLoader loader;

    @Override
    public boolean shouldDeliver(Notice notice) {
        if (!NoticeTypes.TASK_OPENED.equals(notice.type()) && !NoticeTypes.TASK_CLOSING.equals(notice.type())) {
            return true;
        }
        Optional<ReminderTarget> target = TaskReminders.target(notice.type(), notice.dedupKey());
        if (target.isEmpty()) {
            return true;
        }
        Enrollment e = enrollments.findById(target.get().enrollmentId());
        if (e == null) {
            return true;
        }
        if (!e.studyId.equals(notice.studyId())) {
            return false;
        }
        Instant now = Instant.now();
        Instant at = notice.availableAt() != null && notice.availableAt().isAfter(now) ? notice.availableAt() : now;
        Optional<PlannedTask> task = loader.forEnrollment(e).task(target.get().task(), at);
        return task.isPresent() && task.get().status() == TaskStatus.OPEN;
    }
}
