package org.proservice.alert;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.proservice.alert.AlertDtos.AlertNote;
import org.proservice.alert.AlertDtos.AlertPage;
import org.proservice.alert.AlertDtos.AlertView;
import org.proservice.error.Problem;
import org.proservice.security.Roles;

@Path("/api/v1/alerts")
@Tag(name = "Alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class AlertResource {

    @Inject
    AlertService service;

    @GET
    @Operation(operationId = "listAlerts", summary = "Safety alerts of the caller's studies, newest first (clinician)")
    @APIResponse(responseCode = "200", description = "A page of alerts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "studyId names a study the caller is not staff of", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertPage list(
            @QueryParam("status") @Parameter(description = "open, acknowledged or resolved; all when absent",
                    schema = @Schema(enumeration = { "open", "acknowledged", "resolved" })) String status,
            @QueryParam("studyId") @Parameter(description = "Only this study's alerts") UUID studyId,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return service.list(status, studyId, cursor, limit);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an open alert (clinician), with an optional note")
    @APIResponse(responseCode = "200", description = "The acknowledged alert", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "400", description = "Note too long", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The alert is not open (PRO-1504)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView acknowledge(@PathParam("id") UUID id, @Valid AlertNote body) {
        return service.acknowledge(id, body == null ? null : body.note());
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveAlert", summary = "Resolve an acknowledged alert (clinician), with a note")
    @APIResponse(responseCode = "200", description = "The resolved alert", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "400", description = "Note missing or too long", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The alert is not acknowledged (PRO-1504)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView resolve(@PathParam("id") UUID id, @Valid AlertNote body) {
        return service.resolve(id, body == null ? null : body.note());
    }
}
