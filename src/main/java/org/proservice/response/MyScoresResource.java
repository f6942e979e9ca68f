package org.proservice.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.response.MyScoresService.MyScores;
import org.proservice.security.Roles;

/** The patient's own score series, where the study lets its patients see them. */
@Path("/api/v1/me/scores")
@RolesAllowed(Roles.PATIENT)
public class MyScoresResource {

    @Inject
    MyScoresService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Reports")
    @Operation(operationId = "getMyScores", summary = "My own score series with change from baseline, for the "
            + "instruments my study shows its patients (patient; none unless the study opts in)")
    @APIResponse(responseCode = "200", description = "One series per visible instrument and study", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyScores.class)))
    @APIResponse(responseCode = "400", description = "Unknown instrument", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The caller is not an enrolled patient", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MyScores scores(
            @QueryParam("instrument") @Parameter(description = "Only this instrument (phq9, gad7, pcl5 or bpi-sf)") String instrument) {
        return service.mine(instrument);
    }
}
