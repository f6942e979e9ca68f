package org.proservice.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.study.protocol.Protocol;

/** Response bodies of the task endpoints. */
public final class TaskDtos {

    private TaskDtos() {
    }

    @Schema(name = "TaskExcusal")
    public record ExcusalView(String reason, Instant excusedAt, String excusedBy) {
    }

    @Schema(name = "AssessmentTask", description = """
            One instrument due at one timepoint, derived from the protocol, the anchor's local date and the \
            patient's time zone. The window is [opens, closes): local midnight of firstDay to local midnight after \
            lastDay. Submissions until `deadline` (closes plus the protocol's grace hours) are on time.""")
    public record TaskView(
            @Schema(description = "Stable id of the task (derived from enrollment, timepoint and instrument)") UUID taskId,
            UUID patientId, UUID studyId, UUID enrollmentId,
            @Schema(example = "KAPT-007") String subjectCode,
            @Schema(example = "psychedelic-im", nullable = true, description = "null in a patient's own view "
                    + "when the study does not let patients see their arm") String arm,
            int protocolVersion,
            @Schema(example = "T1") String timepointKey,
            @Schema(example = "After session 1") String timepointLabel,
            boolean baseline,
            @Schema(example = "phq9") String instrumentId,
            @Schema(example = "session-1") String anchor,
            @Schema(nullable = true, description = "Null until the anchor event is recorded") LocalDate anchorDate,
            @Schema(nullable = true) LocalDate dueDate,
            @Schema(nullable = true) LocalDate firstDay,
            @Schema(nullable = true) LocalDate lastDay,
            @Schema(nullable = true) Instant opens,
            @Schema(nullable = true) Instant closes,
            @Schema(nullable = true) Instant deadline,
            @Schema(nullable = true, example = "America/New_York", description = "Zone in force when the window opens")
            String timeZone,
            @Schema(enumeration = { "accept_marked_late", "reject" }) String lateSubmissions,
            @Schema(enumeration = { "not_scheduled", "not_yet_open", "open", "completed", "completed_late", "missed",
                    "excused" }) String status,
            @Schema(nullable = true) Instant completedAt,
            @Schema(nullable = true, description = "Present when excused; omitted in the patient's own view")
            ExcusalView excusal) {

        /** The same task without the arm (a patient's view of a blinded study). */
        TaskView withoutArm() {
            return new TaskView(taskId, patientId, studyId, enrollmentId, subjectCode, null, protocolVersion,
                    timepointKey, timepointLabel, baseline, instrumentId, anchor, anchorDate, dueDate, firstDay,
                    lastDay, opens, closes, deadline, timeZone, lateSubmissions, status, completedAt, excusal);
        }

        static TaskView of(EnrollmentSchedule s, PlannedTask t, boolean withExcusal, ZoneId openZone) {
            var e = s.enrollment();
            Protocol p = s.facts().orElseThrow().protocol();
            TaskWindow w = t.window();
            TaskExcusal x = s.excusals().get(t.key());
            return new TaskView(TaskDtos.taskId(e.id, t.key()), e.patientId, e.studyId, e.id, e.subjectCode, e.armCode,
                    e.protocolVersion, t.timepoint().key(), t.timepoint().label(), t.timepoint().baseline(),
                    t.instrumentId(), t.timepoint().anchor(), t.anchorDate(), w == null ? null : w.dueDay(),
                    w == null ? null : w.firstDay(), w == null ? null : w.lastDay(), w == null ? null : w.opens(),
                    w == null ? null : w.closes(), w == null ? null : TaskStatusRule.deadline(w, p.graceHours()),
                    openZone == null ? null : openZone.getId(), p.latePolicy().wireName(),
                    t.status().wireName(), t.state().completedAt(),
                    withExcusal && x != null && t.status() == TaskStatus.EXCUSED
                            ? new ExcusalView(x.reason, x.excusedAt, x.excusedBy) : null);
        }
    }

    /** The stable id of a task: a name-based UUID of enrollment id, timepoint key and instrument id. */
    public static UUID taskId(UUID enrollmentId, TaskPlanner.TaskKey key) {
        return UUID.nameUUIDFromBytes((enrollmentId + "|" + key.timepointKey() + "|" + key.instrumentId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Schema(name = "TaskList")
    public record TaskList(@Schema(description = "The instant the statuses were evaluated at") Instant asOf,
            List<TaskView> tasks) {
    }
}
