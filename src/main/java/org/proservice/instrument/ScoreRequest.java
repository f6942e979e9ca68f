package org.proservice.instrument;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/instruments/{id}/score}. */
@Schema(name = "ScoreRequest", description = "Answers to score; nothing is stored")
public record ScoreRequest(
        @Schema(required = true, type = SchemaType.OBJECT,
                description = "Item id -> integer code. null or an absent item means unanswered. Unknown items, "
                        + "codes outside the item's options, decimals and non-numbers are rejected with 422.",
                example = "{\"phq9_q1\": 2, \"phq9_q2\": 1, \"phq9_q3\": 1, \"phq9_q4\": 2, \"phq9_q5\": 0, "
                        + "\"phq9_q6\": 1, \"phq9_q7\": 0, \"phq9_q8\": null, \"phq9_q9\": 1, \"phq9_difficulty\": 1}")
        Map<String, Object> answers) {
}
