package org.proservice.invitation;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.invitation.InvitationDtos.ClaimInvitation;
import org.proservice.invitation.InvitationDtos.JoinedEnrollment;
import org.proservice.security.Roles;

@Path("/api/v1/me/invitations")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT)
public class MyInvitationsResource {

    @Inject
    InvitationService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "claimInvitation", summary = "Join a study: bind the caller's account to the invited patient (patient)")
    @APIResponse(responseCode = "200", description = "Joined (also when the caller had already claimed this code)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JoinedEnrollment.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or missing code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Code already used (PRO-1601), the caller's account belongs to another patient (PRO-1604) or the patient joined with another account (PRO-1606)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "Code expired (PRO-1602) or revoked (PRO-1603)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No invitation has this code (PRO-1600)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many wrong codes from this account or address (PRO-1605)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JoinedEnrollment claim(@NotNull @Valid ClaimInvitation body, @Context HttpServerRequest request) {
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return service.claim(body.code(), address);
    }
}
