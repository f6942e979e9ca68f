package org.proservice.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The patient's own overview ({@code GET /me}). */
public final class MeDtos {

    private MeDtos() {
    }

    @Schema(name = "Me", description = "Who the caller is in the service: the own patient record and enrollments")
    public record Me(@Schema(example = "3f1c9d2e-patient-sub") String subject, UUID patientId,
            List<MyEnrollment> enrollments) {
    }

    @Schema(name = "MyEnrollment")
    public record MyEnrollment(UUID enrollmentId, UUID studyId,
            @Schema(example = "KAPT pilot") String studyName,
            @Schema(example = "KAPT-007") String subjectCode,
            @Schema(nullable = true, example = "psychedelic-im", description = "Only where the study lets patients "
                    + "see their arm (not in blinded studies)") String arm,
            LocalDate enrollmentDate,
            @Schema(nullable = true, description = "What is due next: the open timepoint with the earliest "
                    + "deadline, else the next one to open; null when nothing is scheduled ahead") NextDue next) {
    }

    @Schema(name = "NextDue")
    public record NextDue(@Schema(example = "T1") String timepointKey,
            @Schema(example = "After session 1") String timepointLabel,
            @Schema(enumeration = { "open", "not_yet_open" }) String status,
            @Schema(example = "[\"phq9\", \"gad7\"]", description = "The instruments still to answer")
            List<String> instruments,
            Instant opens,
            @Schema(description = "Submissions until then are on time") Instant deadline) {
    }
}
