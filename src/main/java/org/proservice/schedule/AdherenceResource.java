package org.proservice.schedule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.schedule.AdherenceDtos.AdherenceView;
import org.proservice.security.Roles;

@Path("/api/v1/studies/{id}/adherence")
@Tag(name = "Reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class AdherenceResource {

    @Inject
    AdherenceService service;

    @GET
    @Operation(operationId = "getStudyAdherence", summary = "Task status counts per arm x timepoint and the overdue patients (clinician, staff)",
            description = "Overdue: a timepoint's instruments that are missed (deadline passed, not completed or "
                    + "excused) or open with the deadline (closes plus grace) within 24 hours.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdherenceView.class)))
    public AdherenceView get(@PathParam("id") UUID id) {
        return service.adherence(id);
    }
}
