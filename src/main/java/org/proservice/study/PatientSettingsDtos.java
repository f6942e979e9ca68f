package org.proservice.study;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the patient-settings endpoint. */
public final class PatientSettingsDtos {

    private PatientSettingsDtos() {
    }

    @Schema(name = "PatientSettings", description = """
            What the study's patients see of themselves. Defaults: arm hidden (blinded), no scores, no crisis \
            message. Replaced as a whole.""")
    public record PatientSettings(
            @Schema(description = "Whether patients see their arm (false for blinded studies)") Boolean armVisible,
            @Schema(example = "[\"phq9\"]", description = "Instruments whose own score series patients see at "
                    + "GET /me/scores; empty: none") List<String> scoreInstruments,
            @Schema(nullable = true, description = "Shown to the patient with a submission that raised a safety "
                    + "alert; null: none") CrisisMessage crisisMessage) {
    }

    @Schema(name = "CrisisMessage", description = "The study's own words and contact for a patient in crisis; "
            + "the same for everyone, never a clinical judgment")
    public record CrisisMessage(
            @Schema(maxLength = 2000, example = "If you are thinking about harming yourself, please talk to "
                    + "someone now.") String text,
            @Schema(maxLength = 500, example = "Study team: +1 555 0100 (24 h); emergencies: 911") String contact) {
    }
}
