package org.proservice.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.proservice.schedule.TaskStatusRule.TaskState;
import org.proservice.study.protocol.Protocol;
import org.proservice.study.protocol.Timepoint;

/**
 * Derives the assessment tasks of one enrollment: one per timepoint that applies to the patient's arm x each of its
 * instruments, with window and status. Tasks are never stored; this is the only place they come from. Pure Java.
 */
public final class TaskPlanner {

    private TaskPlanner() {
    }

    /** Identifies a task within an enrollment. Excusals and responses refer to tasks by this key. */
    public record TaskKey(String timepointKey, String instrumentId) {
    }

    /**
     * Everything the derivation needs about one enrollment.
     *
     * @param eventDates  recorded anchor events, name -> local date ({@code enrollment} comes from
     *                    {@code enrollmentDate})
     * @param excused     tasks a clinician has excused
     * @param completions completion instants of current responses per task
     */
    public record EnrollmentFacts(String armCode, LocalDate enrollmentDate, Protocol protocol,
            Map<String, LocalDate> eventDates, ZoneHistory zones, Set<TaskKey> excused,
            Map<TaskKey, List<Instant>> completions) {

        public LocalDate anchorDate(String anchor) {
            return Protocol.ENROLLMENT.equals(anchor) ? enrollmentDate : eventDates.get(anchor);
        }
    }

    /**
     * One derived task.
     *
     * @param anchorDate null when the anchor event is not recorded
     * @param window     null when the anchor event is not recorded
     */
    public record PlannedTask(Timepoint timepoint, String instrumentId, LocalDate anchorDate, TaskWindow window,
            TaskState state) {

        public TaskKey key() {
            return new TaskKey(timepoint.key(), instrumentId);
        }

        public TaskStatus status() {
            return state.status();
        }
    }

    /** The tasks in protocol order (timepoint position, then instrument order), evaluated at {@code now}. */
    public static List<PlannedTask> plan(EnrollmentFacts facts, Instant now) {
        List<PlannedTask> tasks = new ArrayList<>();
        for (Timepoint tp : facts.protocol().timepointsFor(facts.armCode())) {
            LocalDate anchorDate = facts.anchorDate(tp.anchor());
            TaskWindow window = anchorDate == null ? null
                    : TaskWindow.compute(anchorDate, tp.offsetDays(), tp.windowDaysBefore(), tp.windowDaysAfter(),
                            facts.zones());
            for (String instrument : tp.instruments()) {
                TaskKey key = new TaskKey(tp.key(), instrument);
                TaskState state = TaskStatusRule.derive(window, facts.completions().getOrDefault(key, List.of()),
                        facts.excused().contains(key), facts.protocol().graceHours(), now);
                tasks.add(new PlannedTask(tp, instrument, anchorDate, window, state));
            }
        }
        return tasks;
    }
}
