package org.proservice.invitation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the invitation endpoints. */
public final class InvitationDtos {

    private InvitationDtos() {
    }

    @Schema(name = "Invitation", description = """
            A single-use invitation to hand to the patient (printed, or shown as the QR code). The code is shown \
            only here, once: the service keeps only its hash. Re-issue to get a new one.""")
    public record InvitationView(UUID id,
            @Schema(example = "K7QM-3XWP-9HTC", description = "12 characters without look-alikes; case, spaces "
                    + "and dashes do not matter when typed") String code,
            @Schema(example = "https://app.example/join?code=K7QM3XWP9HTC") String joinUrl,
            Instant expiresAt,
            @Schema(description = "The join URL as a QR code, an SVG document") String qrCodeSvg) {
    }

    @Schema(name = "InvitationClaim", description = "The code from the invitation, as the patient typed or scanned it")
    public record ClaimInvitation(
            @NotBlank @Size(max = 64) @Schema(example = "k7qm 3xwp 9htc", maxLength = 64) String code) {
    }

    @Schema(name = "JoinedEnrollment", description = "The enrollment the caller's account is now bound to")
    public record JoinedEnrollment(UUID patientId, UUID enrollmentId, UUID studyId,
            @Schema(example = "KAPT pilot") String studyName,
            @Schema(example = "KAPT-007") String subjectCode) {
    }
}
