package org.proservice.alert;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the alert endpoints. No answer values: an alert names its rule (flag code) only. */
public final class AlertDtos {

    private AlertDtos() {
    }

    @Schema(name = "AlertStep", description = "Who took a lifecycle step, when, with which note")
    public record StepView(String by, Instant at, @Schema(nullable = true) String note) {
    }

    @Schema(name = "Alert", description = "A safety alert raised by a scoring rule")
    public record AlertView(
            UUID id,
            UUID patientId,
            @Schema(example = "KAPT-007", description = "The patient's study subject code") String subjectCode,
            UUID studyId,
            UUID responseId,
            @Schema(example = "phq9") String instrumentId,
            @Schema(example = "item9_positive", description = "An alert rule code of the instrument's catalog "
                    + "definition (`scoring.alerts`), or severe_band") String rule,
            @Schema(enumeration = { "open", "acknowledged", "resolved" }) String status,
            Instant raisedAt,
            @Schema(description = "raisedAt + pro.alerts.acknowledge-within") Instant acknowledgeBy,
            @Schema(description = "Still open (not acknowledged) after acknowledgeBy; computed on read") boolean overdue,
            @Schema(nullable = true) StepView acknowledged,
            @Schema(nullable = true) StepView resolved) {
    }

    @Schema(name = "AlertPage", description = "Alerts, newest first")
    public record AlertPage(List<AlertView> items,
            @Schema(nullable = true, description = "Pass as cursor for the next page") String nextCursor) {
    }

    @Schema(name = "AlertNote", description = "A note for an acknowledge or resolve step")
    public record AlertNote(
            @Size(max = 2000) @Schema(nullable = true, example = "Called patient; C-SSRS done, no acute risk",
                    description = "Optional when acknowledging; required when resolving") String note) {
    }
}
