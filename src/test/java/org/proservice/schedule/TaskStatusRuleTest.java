package org.proservice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proservice.schedule.TaskStatusRule.SubmissionTiming;
import org.proservice.schedule.TaskStatusRule.TaskState;
import org.proservice.study.protocol.LatePolicy;

class TaskStatusRuleTest {

    // 2026-03-05 .. 2026-03-11 in New York: [2026-03-05T05:00Z, 2026-03-12T04:00Z)
    final TaskWindow window = TaskWindow.compute(LocalDate.of(2026, 3, 4), 1, 0, 6,
            ZoneHistory.single(ZoneId.of("America/New_York")));
    final Instant opens = window.opens();
    final Instant closes = window.closes();

    TaskStatus status(Instant now) {
        return TaskStatusRule.derive(window, List.of(), false, 0, now).status();
    }

    @Test
    void taskIsNotYetOpenUntilTheOpeningInstant() {
        assertEquals(TaskStatus.NOT_YET_OPEN, status(opens.minusNanos(1)));
    }

    @Test
    void taskIsOpenExactlyAtTheOpeningInstant() {
        assertEquals(TaskStatus.OPEN, status(opens));
    }

    @Test
    void taskIsOpenUntilJustBeforeItCloses() {
        assertEquals(TaskStatus.OPEN, status(closes.minusNanos(1)));
    }

    @Test
    void taskIsMissedExactlyAtTheClosingInstant() {
        assertEquals(TaskStatus.MISSED, status(closes));
    }

    @Test
    void graceKeepsTheTaskOpenAfterTheWindowCloses() {
        assertEquals(TaskStatus.OPEN, TaskStatusRule.derive(window, List.of(), false, 12, closes).status());
        assertEquals(TaskStatus.MISSED,
                TaskStatusRule.derive(window, List.of(), false, 12, closes.plusSeconds(12 * 3600)).status());
    }

    @Test
    void completionInsideTheWindowIsCompletedWithTheEarliestCompletionTime() {
        Instant first = opens.plusSeconds(60);
        TaskState s = TaskStatusRule.derive(window, List.of(first.plusSeconds(3600), first), false, 0, closes.plusSeconds(9999));
        assertEquals(TaskStatus.COMPLETED, s.status());
        assertEquals(first, s.completedAt());
    }

    @Test
    void completionExactlyAtTheClosingInstantIsLate() {
        assertEquals(TaskStatus.COMPLETED_LATE,
                TaskStatusRule.derive(window, List.of(closes), false, 0, closes).status());
        assertEquals(TaskStatus.COMPLETED,
                TaskStatusRule.derive(window, List.of(closes.minusNanos(1)), false, 0, closes).status());
    }

    @Test
    void completionWinsOverAnExcusal() {
        assertEquals(TaskStatus.COMPLETED, TaskStatusRule.derive(window, List.of(opens), true, 0, closes).status());
    }

    @Test
    void excusedTaskStaysExcusedEvenWithoutAnAnchor() {
        assertEquals(TaskStatus.EXCUSED, TaskStatusRule.derive(window, List.of(), true, 0, opens).status());
        assertEquals(TaskStatus.EXCUSED, TaskStatusRule.derive(null, List.of(), true, 0, opens).status());
    }

    @Test
    void taskWithoutAnchorDateIsNotScheduled() {
        TaskState s = TaskStatusRule.derive(null, List.of(), false, 0, opens);
        assertEquals(TaskStatus.NOT_SCHEDULED, s.status());
        assertNull(s.completedAt());
    }

    @Test
    void submissionsAreClassifiedAgainstWindowGraceAndLatePolicy() {
        assertEquals(SubmissionTiming.EARLY, TaskStatusRule.classify(window, LatePolicy.REJECT, 0, opens.minusNanos(1)));
        assertEquals(SubmissionTiming.ON_TIME, TaskStatusRule.classify(window, LatePolicy.REJECT, 0, opens));
        assertEquals(SubmissionTiming.LATE_REJECTED, TaskStatusRule.classify(window, LatePolicy.REJECT, 0, closes));
        assertEquals(SubmissionTiming.LATE_ACCEPTED,
                TaskStatusRule.classify(window, LatePolicy.ACCEPT_MARKED_LATE, 0, closes));
        assertEquals(SubmissionTiming.ON_TIME, TaskStatusRule.classify(window, LatePolicy.REJECT, 1, closes));
        assertEquals(SubmissionTiming.NO_WINDOW, TaskStatusRule.classify(null, LatePolicy.REJECT, 0, closes));
    }
}
