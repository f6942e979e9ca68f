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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.schedule.ScheduleDtos.EventView;
import org.proservice.schedule.ScheduleDtos.NewEvent;
import org.proservice.security.Roles;

@Path("/api/v1/patients/{pid}/events")
@Tag(name = "Schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class EventResource {

    @Inject
    EventService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordEvent", summary = "Record or correct the local date of an anchor event, e.g. session-3 (clinician, staff)",
            description = "Recording an anchor again corrects its date (200); the audit trail keeps the previous date. "
                    + "Checked for new dates and corrections alike: the anchor is an event anchor of the patient's "
                    + "protocol version (not `enrollment`); the date is not before the enrollment date (PRO-1305) and "
                    + "not after the patient's local today in the zone in force now (PRO-1310); the protocol's event "
                    + "anchors happen in the order the protocol lists them, so a date before an earlier-listed anchor's "
                    + "recorded date or after a later-listed one's is refused naming both anchors (PRO-1311; equal "
                    + "dates are allowed).")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location",
            description = "URL of the patient's events", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "200", description = "Corrected (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or missing fields", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Recorded concurrently", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not an event anchor of the patient's protocol, date before enrollment, or study ambiguous (PRO-1305); date after the patient's local today (PRO-1310); anchors out of protocol order (PRO-1311)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("pid") UUID pid, @NotNull @Valid NewEvent body, @Context UriInfo uri) {
        EventService.Recorded result = service.record(pid, body);
        if (!result.created()) {
            return Response.ok(result.event()).build();
        }
        return Response.created(uri.getAbsolutePath()).entity(result.event()).build();
    }

    @GET
    @Operation(operationId = "listEvents", summary = "The patient's recorded anchor events (clinician, staff)")
    @APIResponse(responseCode = "200", description = "The events, by date",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EventView.class)))
    public List<EventView> list(@PathParam("pid") UUID pid) {
        return service.list(pid);
    }
}
