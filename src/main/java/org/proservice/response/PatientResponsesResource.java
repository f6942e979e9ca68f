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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.response.HistoryService.HistoryQuery;
import org.proservice.response.ResponseDtos.Amendment;
import org.proservice.response.ResponseDtos.ResponsePage;
import org.proservice.response.ResponseDtos.ResponseView;
import org.proservice.response.ResponseDtos.ResponseWithTrail;
import org.proservice.response.ResponseDtos.Submission;
import org.proservice.security.Roles;

/** A patient's responses for the study staff: clinician-administered submissions, history, amendments. */
@Path("/api/v1/patients/{pid}/responses")
@Tag(name = "Responses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class PatientResponsesResource {

    @Inject
    SubmissionService submissions;

    @Inject
    HistoryService history;

    @Inject
    AmendmentService amendments;

    /** Answers and the Idempotency-Key parameter are declared once, in {@link SubmissionContract}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitPatientResponse", summary = "Record a clinician-administered questionnaire "
            + "(clinician staff): for a task, or unscheduled when timepointKey is left out")
    public Response submit(@PathParam("pid") UUID pid,
            @HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey,
            @NotNull @Valid Submission body, @Context UriInfo uri) {
        String key = IdempotencyKeyHeader.require(idempotencyKey);
        SubmissionService.Result result = submissions.submitForPatient(pid, key, body);
        return IdempotencyKeyHeader.created(
                uri.getAbsolutePathBuilder().path(result.response().id().toString()).build(), result);
    }

    @GET
    @Operation(operationId = "listPatientResponses", summary = "A patient's responses in the caller's studies, newest first by completion time (clinician staff)")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponsePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResponsePage list(@PathParam("pid") UUID pid,
            @QueryParam("instrument") @Parameter(description = "Only this instrument, e.g. phq9") String instrument,
            @QueryParam("from") @Parameter(description = "Completed at or after this instant") Instant from,
            @QueryParam("to") @Parameter(description = "Completed before this instant") Instant to,
            @QueryParam("includeSuperseded") @DefaultValue("false") @Parameter(description = "Also list versions that an amendment replaced") boolean includeSuperseded,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("answers") @DefaultValue("true") @Parameter(description = HistoryQuery.ANSWERS_PARAMETER) boolean answers) {
        return history.ofPatient(pid, new HistoryQuery(instrument, from, to, includeSuperseded, cursor, limit, answers));
    }

    @GET
    @Path("/{rid}")
    @Operation(operationId = "getPatientResponse", summary = "One response with its amendment trail (clinician staff)")
    @APIResponse(responseCode = "200", description = "The response", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseWithTrail.class)))
    public ResponseWithTrail get(@PathParam("pid") UUID pid, @PathParam("rid") UUID rid) {
        return history.oneOfPatient(pid, rid);
    }

    @POST
    @Path("/{rid}/amendments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "amendResponse", summary = "Correct a response (clinician staff, reason required): "
            + "stores a re-scored response that supersedes it")
    @APIResponse(responseCode = "201", description = "The new, current response", headers = @Header(name = "Location",
            description = "URL of the new response", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResponseView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body; reason missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The response was already amended: amend the current version (PRO-1503); Idempotency-Key reused with a different body (PRO-1013)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Answers that break the instrument (PRO-1015) or unsupported version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response amend(@PathParam("pid") UUID pid, @PathParam("rid") UUID rid,
            @HeaderParam(IdempotencyKeyHeader.NAME) @Parameter(description = "Optional. With a key, a retry with the "
                    + "same body gets the stored amendment; without one, a retry is refused with 409 PRO-1503")
            String idempotencyKey,
            @NotNull @Valid Amendment body, @Context UriInfo uri) {
        String key = idempotencyKey == null ? null : IdempotencyKeyHeader.require(idempotencyKey);
        SubmissionService.Result result = amendments.amend(pid, rid, key, body);
        return IdempotencyKeyHeader.created(uri.getBaseUriBuilder().path("api/v1/patients/{pid}/responses/{rid}")
                .build(pid, result.response().id()), result);
    }
}
