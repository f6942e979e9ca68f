package org.proservice.instrument;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the catalog list. */
@Schema(name = "InstrumentSummary")
public record InstrumentSummary(
        @Schema(example = "phq9") String id,
        @Schema(example = "1.0") String version,
        @Schema(example = "PHQ-9") String name,
        @Schema(example = "Patient Health Questionnaire-9 (PHQ-9)") String title,
        @Schema(example = "published", enumeration = { "published", "neutral", "licensed" }) String wording,
        InstrumentDefinition.RecallPeriod recallPeriod,
        @Schema(example = "10") int itemCount,
        @Schema(example = "phq9-scoring-1.0") String scoringVersion,
        @Schema(example = "[\"en\"]", description = "Languages the instrument can be served in (Accept-Language), "
                + "its own language first") List<String> languages) {

    static InstrumentSummary of(InstrumentDefinition d, List<String> languages) {
        return new InstrumentSummary(d.id(), d.version(), d.name(), d.title(), d.wording(), d.recallPeriod(),
                d.items().size(), d.scoring().scoringVersion(), languages);
    }
}
