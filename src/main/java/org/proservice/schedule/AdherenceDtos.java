package org.proservice.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response body of the adherence report. */
public final class AdherenceDtos {

    private AdherenceDtos() {
    }

    @Schema(name = "TaskStatusCounts", description = "Number of tasks (patient x instrument) in each status")
    public record StatusCounts(int notScheduled, int notYetOpen, int open, int completed, int completedLate,
            int missed, int excused) {
    }

    @Schema(name = "AdherenceCell", description = "One arm x timepoint")
    public record Cell(@Schema(example = "psychedelic-im") String arm, @Schema(example = "T1") String timepointKey,
            @Schema(example = "After session 1") String timepointLabel,
            @Schema(description = "Patients of the arm the timepoint applies to") int patients,
            @Schema(description = "Tasks (patients x instruments)") int tasks,
            StatusCounts counts) {
    }

    @Schema(name = "OverduePatient", description = """
            A patient's timepoint with overdue instruments: `missed` (the deadline passed without a completion or \
            excusal) or `closing_soon` (open, and the deadline - closes plus grace - is within 24 hours).""")
    public record Overdue(UUID patientId, @Schema(example = "KAPT-003") String subjectCode,
            @Schema(example = "psycholytic-sl") String arm, @Schema(example = "T2") String timepointKey,
            String timepointLabel,
            @Schema(enumeration = { "missed", "closing_soon" }) String reason,
            @Schema(example = "[\"phq9\", \"gad7\"]") List<String> instruments,
            Instant deadline) {
    }

    @Schema(name = "Adherence", description = """
            Task statuses of every enrolled patient per arm x timepoint, evaluated at `asOf`, and the overdue list: \
            closing_soon first (soonest deadline first), then missed (most recent deadline first).""")
    public record AdherenceView(UUID studyId, Instant asOf, int enrolledPatients, List<Cell> cells,
            List<Overdue> overdue) {
    }
}
