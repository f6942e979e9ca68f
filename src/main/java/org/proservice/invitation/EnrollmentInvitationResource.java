package org.proservice.invitation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.invitation.InvitationDtos.InvitationView;
import org.proservice.security.Roles;

@Path("/api/v1/studies/{id}/enrollments/{enrollmentId}/invitation")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class EnrollmentInvitationResource {

    @Inject
    InvitationService service;

    @POST
    @Operation(operationId = "reissueInvitation", summary = "Issue a new invitation for a patient who has not joined yet; the pending one is revoked (clinician, staff of the study)")
    @APIResponse(responseCode = "201", description = "The new invitation (its code is shown only now)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    @APIResponse(responseCode = "409", description = "The patient has already joined (PRO-1606)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reissue(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId) {
        return Response.status(Response.Status.CREATED).entity(service.reissue(id, enrollmentId)).build();
    }

    @DELETE
    @Operation(operationId = "revokeInvitation", summary = "Revoke the pending invitation (clinician, staff of the study)")
    @APIResponse(responseCode = "204", description = "Revoked; its code no longer works")
    @APIResponse(responseCode = "404", description = "No such study or enrollment, no pending invitation, or the caller is not staff", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The patient has already joined (PRO-1606)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void revoke(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId) {
        service.revoke(id, enrollmentId);
    }
}
