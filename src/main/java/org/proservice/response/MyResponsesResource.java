package org.proservice.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.response.HistoryService.HistoryQuery;
import org.proservice.response.ResponseDtos.ResponsePage;
import org.proservice.response.ResponseDtos.ResponseWithTrail;
import org.proservice.response.ResponseDtos.Submission;
import org.proservice.security.Roles;

/** The calling patient's own responses. */
@Path("/api/v1/me/responses")
@Tag(name = "Responses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT)
public class MyResponsesResource {

    @Inject
    SubmissionService submissions;

    @Inject
    HistoryService history;

    /** Answers and the Idempotency-Key parameter are declared once, in {@link SubmissionContract}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitMyResponse", summary = "Submit a completed questionnaire for one of my tasks "
            + "(patient). Stored once per Idempotency-Key; validated and scored on arrival.")
    @APIResponse(responseCode = "404", description = "No patient record for the caller, or studyId not one of the caller's enrollments", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(
            @HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey,
            @NotNull @Valid Submission body, @Context UriInfo uri) {
        String key = IdempotencyKeyHeader.require(idempotencyKey);
        SubmissionService.Result result = submissions.submitOwn(key, body);
        return IdempotencyKeyHeader.created(
                uri.getAbsolutePathBuilder().path(result.response().id().toString()).build(), result);
    }

    @GET
    @Operation(operationId = "listMyResponses", summary = "My responses, newest first by completion time (patient)")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponsePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No patient record for the caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResponsePage list(
            @QueryParam("instrument") @Parameter(description = "Only this instrument, e.g. phq9") String instrument,
            @QueryParam("from") @Parameter(description = "Completed at or after this instant") Instant from,
            @QueryParam("to") @Parameter(description = "Completed before this instant") Instant to,
            @QueryParam("includeSuperseded") @DefaultValue("false") @Parameter(description = "Also list versions that an amendment replaced") boolean includeSuperseded,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("answers") @DefaultValue("true") @Parameter(description = HistoryQuery.ANSWERS_PARAMETER) boolean answers) {
        return history.mine(new HistoryQuery(instrument, from, to, includeSuperseded, cursor, limit, answers));
    }

    @GET
    @Path("/{rid}")
    @Operation(operationId = "getMyResponse", summary = "One of my responses with its amendment trail (patient)")
    @APIResponse(responseCode = "200", description = "The response", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseWithTrail.class)))
    public ResponseWithTrail get(@PathParam("rid") UUID rid) {
        return history.oneOfMine(rid);
    }
}
