package org.proservice.schedule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.schedule.MeDtos.Me;
import org.proservice.security.Roles;

@Path("/api/v1/me")
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT)
public class MeResource {

    @Inject
    MeService service;

    @GET
    @Operation(operationId = "getMe", summary = "My enrollments: study, subject code, what is due next and when (patient)")
    @APIResponse(responseCode = "200", description = "The caller's own record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Me.class)))
    @APIResponse(responseCode = "404", description = "The caller's account is not bound to a patient yet (claim an invitation first)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Me me() {
        return service.me();
    }
}
