package org.proservice.instrument;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.proservice.platform.SharedSchemas;
import org.proservice.scoring.Score;

/** The score of one administration as the API returns it (every field always present, null when not applicable). */
@Schema(name = "Score", description = "Score of one administration. Fields that do not apply to the instrument are null.")
public record ScoreView(
        @Schema(example = "phq9") String instrumentId,
        @Schema(example = "1.0") String instrumentVersion,
        @Schema(example = "phq9-scoring-1.0", description = "Version of the scoring algorithm") String scoringVersion,
        @Schema(example = "true", description = "Whether the headline result could be computed: the total, or what "
                + "the definition's algorithm requires (for example every composite)") boolean scorable,
        @Schema(nullable = true, example = "9", description = "Reported total after prorating and half-up "
                + "rounding; null when not scorable; null for instruments without a whole-number total") Integer total,
        @Schema(nullable = true, example = "8", description = "Sum of the answered items of the total; null "
                + "when the instrument has no sum total") Integer rawSum,
        @Schema(nullable = true, example = "8", description = "Answered scored items (unscored items never count)") Integer itemsAnswered,
        @Schema(nullable = true, example = "9.0", description = "Prorated total before rounding, when prorated") Double proratedUnrounded,
        @Schema(ref = SharedSchemas.SUBSCALES, description = "The measures other than `total`, by name, as the definition's "
                + "`scoring.subscales` compute them (sums, or unrounded means); null when not computable. Empty "
                + "when the instrument has only a total.",
                example = "{}") Map<String, Number> subscales,
        @Schema(nullable = true, type = SchemaType.OBJECT, description = "Algorithm "
                + "dsm5-provisional-diagnosis only: answered items rated 2 or "
                + "higher per cluster", example = "{\"B\": 1, \"C\": 1, \"D\": 2, \"E\": 2}") Map<String, Integer> endorsed,
        @Schema(nullable = true, example = "7", description = "Algorithm composite-scorability only: "
                + "answered items of the counted composite (BPI-SF interference)") Integer interferenceItemsAnswered,
        @Schema(nullable = true, example = "mild", description = "Band code of the band measure (total "
                + "unless the definition names another, e.g. BPI-SF "
                + "worst pain)") String band,
        @Schema(nullable = true, example = "met", enumeration = { "met", "not_met", "indeterminate" },
                description = "Algorithm dsm5-provisional-diagnosis only: provisional diagnosis") String provisionalDiagnosis,
        @Schema(description = "Flag codes, alphabetical", example = "[\"item9_positive\", \"prorated\"]") List<String> flags,
        @Schema(ref = org.proservice.platform.SharedSchemas.MEASURES, description = "Every named measure of the score: `total` when the "
                + "instrument has one, then its subscales (for example BPI-SF `severityComposite` and "
                + "`interference`); null when not computable. Added alongside the fields above, which stay for "
                + "existing clients.", example = "{\"total\": 9}") Map<String, Number> measures) {

    public static ScoreView of(Score s) {
        return new ScoreView(s.instrumentId(), s.instrumentVersion(), s.scoringVersion(), s.scorable(), s.total(),
                s.rawSum(), s.itemsAnswered(), s.proratedUnrounded(), s.subscales(), s.endorsed(),
                s.interferenceItemsAnswered(), s.band(), s.provisionalDiagnosis(), s.flags(), s.measures());
    }
}
