package org.proservice.response;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.proservice.error.Problem;

/**
 * What a submission answers, declared once for both submission endpoints ({@code POST /api/v1/me/responses} and
 * {@code POST /api/v1/patients/{pid}/responses}). {@code platform/ContractFilter} applies it to every operation
 * whose request body is a {@code ResponseSubmission}; the resource methods carry only what differs (operation id,
 * summary, and a 404 that is not about a path id).
 */
public final class SubmissionContract {

    /** The request-body schema that makes an operation a submission. */
    public static final String BODY_SCHEMA = "#/components/schemas/ResponseSubmission";

    private SubmissionContract() {
    }

    public static boolean isSubmission(Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return false;
        }
        MediaType json = op.getRequestBody().getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        return json != null && json.getSchema() != null && BODY_SCHEMA.equals(json.getSchema().getRef());
    }

    /** Puts the submission's parameter description and responses on the operation (a generated 2xx is replaced). */
    public static void declare(Operation op) {
        if (op.getParameters() != null) {
            op.getParameters().stream().filter(p -> IdempotencyKeyHeader.NAME.equalsIgnoreCase(p.getName()))
                    .forEach(p -> p.required(true).description("A key made once per completed questionnaire "
                            + "(e.g. a UUID); retries send the same key"));
        }
        APIResponses responses = op.getResponses();
        responses.getAPIResponses().keySet().stream().filter(code -> code.startsWith("2")).toList()
                .forEach(responses::removeAPIResponse);
        responses.addAPIResponse("201", OASFactory.createAPIResponse()
                .description("Stored and scored; a retry with the same key and body gets the same response (header "
                        + "Idempotent-Replayed: true)")
                .addHeader("Location", OASFactory.createHeader().description("URL of the response")
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING)))
                .addHeader(IdempotencyKeyHeader.REPLAYED, OASFactory.createHeader()
                        .description("true when this is the stored result of an earlier request with the same key")
                        .schema(OASFactory.createSchema().addType(SchemaType.BOOLEAN)))
                .content(OASFactory.createContent().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref("#/components/schemas/Response")))));
        problem(responses, "400", "Malformed body, missing fields, or Idempotency-Key missing or invalid (PRO-1014)");
        problem(responses, "409", "Idempotency-Key reused with a different request (PRO-1013), or the task already "
                + "has a response (PRO-1307)");
        problem(responses, "413", "Body too large");
        problem(responses, "422", "Answers that break the instrument, one entry per item (PRO-1015); unknown "
                + "instrument or version; no such task (PRO-1500); task not open (PRO-1501); window closed and the "
                + "protocol refuses late submissions (PRO-1502); completion time in the future (PRO-1507); several "
                + "studies and no studyId (PRO-1505)");
    }

    private static void problem(APIResponses responses, String status, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        responses.addAPIResponse(status, response);
    }
}
