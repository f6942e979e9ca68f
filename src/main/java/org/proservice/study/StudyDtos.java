package org.proservice.study;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the study endpoints. */
public final class StudyDtos {

    private StudyDtos() {
    }

    public static final String ARM_CODE_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$";
    public static final String STAFF_ROLE_PATTERN = "^(investigator|clinician|coordinator)$";

    @Schema(name = "NewStudy", description = "A study to create, with at least one arm")
    public record NewStudy(
            @NotBlank @Size(max = 200) @Schema(example = "Ketamine-assisted psychotherapy pilot", maxLength = 200) String name,
            @Size(max = 4000) @Schema(example = "Two-arm pilot: psychedelic IM vs psycholytic SL ketamine", maxLength = 4000) String description,
            @NotNull @Size(min = 1, max = 20) @Schema(minItems = 1, maxItems = 20) List<@NotNull @Valid NewArm> arms) {
    }

    @Schema(name = "NewArm")
    public record NewArm(
            @NotBlank @Pattern(regexp = ARM_CODE_PATTERN, message = "must be lower-case letters, digits and '-', at most 64")
            @Schema(example = "psychedelic-im", pattern = ARM_CODE_PATTERN) String code,
            @NotBlank @Size(max = 200) @Schema(example = "Psychedelic (high-dose IM ketamine)", maxLength = 200) String label) {
    }

    @Schema(name = "StaffAssignment", description = "Body of PUT …/staff/{subject} ({} is enough): role defaults to "
            + "clinician")
    public record StaffAssignment(
            @Pattern(regexp = STAFF_ROLE_PATTERN, message = "must be investigator, clinician or coordinator")
            @Schema(enumeration = { "investigator", "clinician", "coordinator" }, defaultValue = "clinician") String role) {
    }

    @Schema(name = "Arm")
    public record ArmView(@Schema(example = "psychedelic-im") String code,
            @Schema(example = "Psychedelic (high-dose IM ketamine)") String label) {
    }

    @Schema(name = "StaffMember")
    public record StaffView(@Schema(example = "9b1f0c52-clinician-sub") String subject,
            @Schema(example = "clinician", enumeration = { "investigator", "clinician", "coordinator" }) String role,
            Instant addedAt, String addedBy) {
    }

    @Schema(name = "Study")
    public record StudyView(UUID id, String name, @Schema(nullable = true) String description, List<ArmView> arms, List<StaffView> staff,
            Instant createdAt, String createdBy) {
    }
}
