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
        @Schema(example = "true", description = "Whether the headline result could be computed: PHQ-9/GAD-7/PCL-5 "
                + "total; BPI-SF both composites") boolean scorable,
        @Schema(nullable = true, example = "9", description = "Reported total after prorating and half-up "
                + "rounding; null when not scorable; always null for BPI-SF") Integer total,
        @Schema(nullable = true, example = "8", description = "Sum of the answered scored items; null for BPI-SF") Integer rawSum,
        @Schema(nullable = true, example = "8", description = "Answered scored items (unscored items never count)") Integer itemsAnswered,
        @Schema(nullable = true, example = "9.0", description = "Prorated total before rounding, when prorated") Double proratedUnrounded,
        @Schema(ref = SharedSchemas.SUBSCALES, description = "PCL-5: B, C, D, E cluster sums (null when a cluster has "
                + "an unanswered item). BPI-SF: worst, least, average, now, severityComposite, interference "
                + "(unrounded means), reliefPct. Empty for PHQ-9 and GAD-7.",
                example = "{}") Map<String, Number> subscales,
        @Schema(nullable = true, type = SchemaType.OBJECT, description = "PCL-5 only: answered items rated 2 or "
                + "higher per cluster", example = "{\"B\": 1, \"C\": 1, \"D\": 2, \"E\": 2}") Map<String, Integer> endorsed,
        @Schema(nullable = true, example = "7", description = "BPI-SF only: answered interference items") Integer interferenceItemsAnswered,
        @Schema(nullable = true, example = "mild", enumeration = { "none", "none_minimal", "minimal", "mild", "moderate",
                "moderately_severe", "severe", "below_31", "31_to_32", "33_or_above" },
                description = "Band code of the reported total (BPI-SF: of worst pain)") String band,
        @Schema(nullable = true, example = "met", enumeration = { "met", "not_met", "indeterminate" },
                description = "PCL-5 only: provisional DSM-5 diagnosis") String provisionalDiagnosis,
        @Schema(description = "Flag codes, alphabetical", example = "[\"item9_positive\", \"prorated\"]") List<String> flags) {

    public static ScoreView of(Score s) {
        return new ScoreView(s.instrumentId(), s.instrumentVersion(), s.scoringVersion(), s.scorable(), s.total(),
                s.rawSum(), s.itemsAnswered(), s.proratedUnrounded(), s.subscales(), s.endorsed(),
                s.interferenceItemsAnswered(), s.band(), s.provisionalDiagnosis(), s.flags());
    }
}
