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
import org.proservice.response.ResponseDtos.ScoreSeries;
import org.proservice.security.Roles;

/** A patient's score series for study staff. */
@Path("/api/v1/patients/{pid}/scores")
@RolesAllowed(Roles.CLINICIAN)
public class ScoreSeriesResource {

    @Inject
    ScoreSeriesService series;


    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Reports")
    @Operation(operationId = "getScoreSeries", summary = "A patient's scores on one instrument over time with change "
            + "from baseline and the response / remission / MCID flags (clinician staff)")
    @APIResponse(responseCode = "200", description = "The series, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreSeries.class)))
    @APIResponse(responseCode = "400", description = "instrument missing or unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Patient in several of the caller's studies and no studyId (PRO-1505)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScoreSeries scores(@PathParam("pid") UUID pid,
            @QueryParam("instrument") @Parameter(required = true, description = "An instrument id of the catalog (GET /api/v1/instruments)") String instrument,
            @QueryParam("studyId") @Parameter(description = "Needed only when the patient is in several of the caller's studies") UUID studyId) {
        return series.series(pid, instrument, studyId);
    }
}
