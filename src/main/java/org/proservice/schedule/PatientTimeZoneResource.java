package org.proservice.schedule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.schedule.ScheduleDtos.NewTimeZone;
import org.proservice.schedule.ScheduleDtos.TimeZoneHistoryView;
import org.proservice.security.Roles;

@Path("/api/v1/patients/{pid}/time-zones")
@Tag(name = "Schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class PatientTimeZoneResource {

    @Inject
    PatientTimeZoneService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changePatientTimeZone", summary = "Record a change of the patient's time zone (clinician, staff)",
            description = "Appends to the history; windows are computed in the zone in force at each boundary. "
                    + "Naming the zone already in force changes nothing (200).")
    @APIResponse(responseCode = "201", description = "Change recorded", headers = @Header(name = "Location",
            description = "URL of the history", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeZoneHistoryView.class)))
    @APIResponse(responseCode = "200", description = "Zone already in force; nothing recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeZoneHistoryView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or missing fields", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Concurrent change", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown zone or effectiveFrom not after the latest change (PRO-1308)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response change(@PathParam("pid") UUID pid, @NotNull @Valid NewTimeZone body, @Context UriInfo uri) {
        PatientTimeZoneService.Changed result = service.change(pid, body);
        if (!result.created()) {
            return Response.ok(result.history()).build();
        }
        return Response.created(uri.getAbsolutePath()).entity(result.history()).build();
    }

    @GET
    @Operation(operationId = "getPatientTimeZones", summary = "The patient's time-zone history (clinician, staff)")
    @APIResponse(responseCode = "200", description = "The history, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimeZoneHistoryView.class)))
    public TimeZoneHistoryView history(@PathParam("pid") UUID pid) {
        return service.history(pid);
    }
}
