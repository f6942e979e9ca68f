package org.proservice.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, the one error body of this service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", requiredProperties = { "title", "status" },
        description = "RFC 9457 problem details. `code` is stable and comes from one ledger. Empty fields are left out.")
public record Problem(
        @Schema(example = "urn:pro-service:problem:invalid-answers") String type,
        @Schema(example = "Answers do not fit the instrument") String title,
        @Schema(example = "422") int status,
        @Schema(example = "2 answers are invalid") String detail,
        @Schema(example = "/api/v1/instruments/phq9/score") String instance,
        @Schema(example = "PRO-1015") String code,
        @Schema(example = "5b0c2f7e-3c1d-4e53-9a57-2f0e0d7f4f11") String requestId,
        @Schema(description = "One entry per offending field or item") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field or item; never carries the submitted value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError", requiredProperties = { "field", "code" })
    public record FieldError(
            @Schema(example = "answers.phq9_q3") String field,
            @Schema(example = "value_out_of_range") String code,
            @Schema(example = "must be one of 0, 1, 2, 3") String message) {
    }
}
