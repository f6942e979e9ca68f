package org.proservice.instrument;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.proservice.platform.SharedSchemas;

/** Body of {@code POST /api/v1/instruments/{id}/score}. */
@Schema(name = "ScoreRequest", description = "Answers to score; nothing is stored")
public record ScoreRequest(
        @Schema(required = true, ref = SharedSchemas.ANSWERS,
                description = "Item id -> integer code. null or an absent item means unanswered. Unknown items, "
                        + "codes outside the item's options, decimals and non-numbers are rejected with 422.")
        Map<String, Object> answers) {
}
