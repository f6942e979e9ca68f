package org.proservice.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.response.ResponseDtos.StudySummary;
import org.proservice.security.Roles;

/** Per arm x timepoint summaries for study staff. */
@Path("/api/v1/studies/{id}/summary")
@Tag(name = "Reports")
@RolesAllowed(Roles.CLINICIAN)
public class StudySummaryResource {


    @Inject
    StudySummaryService summaries;


    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getStudySummary", summary = "Per arm x timepoint n, mean, SD, median, mean change from "
            + "baseline and responders of one instrument, over current responses (clinician staff)")
    @APIResponse(responseCode = "200", description = "The summary", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudySummary.class)))
    @APIResponse(responseCode = "400", description = "instrument missing or unknown, or a measure the instrument does not have", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StudySummary summary(@PathParam("id") UUID id,
            @QueryParam("instrument") @Parameter(required = true, description = "An instrument id of the catalog (GET /api/v1/instruments)") String instrument,
            @QueryParam("measure") @Parameter(description = "A series measure of the instrument "
                    + "(catalog `scoring.measures` with `series` true); default: its `summaryMeasure`") String measure) {
        return summaries.summary(id, instrument, measure);
    }
}
