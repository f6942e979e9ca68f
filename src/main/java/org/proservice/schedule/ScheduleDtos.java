package org.proservice.schedule;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the enrollment, time-zone and event endpoints. */
public final class ScheduleDtos {

    private ScheduleDtos() {
    }

    public static final String SUBJECT_CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
    public static final String IDENTITY_SUBJECT_PATTERN = "^[\\x21-\\x7E]{1,255}$";

    @Schema(name = "NewEnrollment", description = "Enrolls a new patient on the study's latest protocol version")
    public record NewEnrollment(
            @NotBlank @Pattern(regexp = SUBJECT_CODE_PATTERN, message = "must be 1 to 64 letters, digits, '.', '_' or '-'")
            @Schema(example = "KAPT-007", description = "Study subject code, unique within the study") String subjectCode,
            @Pattern(regexp = IDENTITY_SUBJECT_PATTERN, message = "must be 1 to 255 printable ASCII characters")
            @Schema(example = "3f1c9a2e-patient-sub", nullable = true, description = "The `sub` of the patient's "
                    + "own tokens, when known; unique. Leave it out to get an invitation the patient claims instead")
            String identitySubject,
            @NotBlank @Size(max = 64) @Schema(example = "psychedelic-im", description = "An arm code of the study") String arm,
            @NotNull @Schema(example = "2026-03-02", description = "Enrollment day in the patient's local calendar")
            LocalDate enrollmentDate,
            @NotBlank @Size(max = 64) @Schema(example = "America/New_York", description = "IANA time zone id") String timeZone) {
    }

    @Schema(name = "Enrollment")
    public record EnrollmentView(UUID id, UUID patientId, UUID studyId,
            @Schema(example = "KAPT-007") String subjectCode,
            @Schema(example = "3f1c9a2e-patient-sub", nullable = true, description = "null until the patient has "
                    + "joined") String identitySubject,
            @Schema(example = "psychedelic-im") String arm,
            @Schema(example = "1") int protocolVersion,
            LocalDate enrollmentDate,
            @Schema(example = "America/New_York", description = "The time zone in force now") String timeZone,
            Instant enrolledAt, String enrolledBy,
            @Schema(nullable = true, description = "Only in the response that creates an enrollment without "
                    + "identitySubject: the invitation to hand to the patient")
            org.proservice.invitation.InvitationDtos.InvitationView invitation) {
    }

    @Schema(name = "NewTimeZone", description = "A change of the patient's time zone; the history is kept")
    public record NewTimeZone(
            @NotBlank @Size(max = 64) @Schema(example = "Europe/Berlin", description = "IANA time zone id") String timeZone,
            @Schema(description = "When the new zone takes effect; default now. Must be after the latest change.")
            Instant effectiveFrom) {
    }

    @Schema(name = "TimeZoneEntry")
    public record TimeZoneEntryView(@Schema(example = "Europe/Berlin") String timeZone, Instant validFrom,
            Instant recordedAt, String recordedBy) {
    }

    @Schema(name = "TimeZoneHistory", description = "Each entry is in force from its validFrom until the next one's; "
            + "the first also before its own validFrom")
    public record TimeZoneHistoryView(UUID patientId, @Schema(example = "Europe/Berlin") String current,
            List<TimeZoneEntryView> history) {
    }

    @Schema(name = "NewEventOccurrence", description = "Records (or corrects) the local date of an anchor event")
    public record NewEvent(
            @NotBlank @Size(max = 64) @Schema(example = "session-3", description = "An event anchor of the patient's protocol version")
            String anchor,
            @NotNull @Schema(example = "2026-03-09", description = "Local date on which the event happened") LocalDate date,
            @Schema(description = "Only needed when the patient is enrolled in several of the caller's studies")
            UUID studyId) {
    }

    @Schema(name = "EventOccurrence")
    public record EventView(UUID studyId, @Schema(example = "session-3") String anchor, LocalDate date,
            @Schema(description = "1 when first recorded, +1 per correction") int revision,
            @Schema(description = "The date before this correction; null when first recorded or unchanged", nullable = true)
            LocalDate previousDate,
            Instant recordedAt, String recordedBy) {
    }

    @Schema(name = "TaskExcusalRequest")
    public record ExcuseTask(
            @NotBlank @Size(max = 1000) @Schema(example = "Hospitalised during the window", maxLength = 1000) String reason,
            @Schema(description = "Only needed when the patient is enrolled in several of the caller's studies")
            UUID studyId) {
    }
}
