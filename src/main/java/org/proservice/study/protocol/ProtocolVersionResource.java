package org.proservice.study.protocol;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.proservice.security.Roles;
import org.proservice.study.protocol.ProtocolDtos.NewProtocolVersion;
import org.proservice.study.protocol.ProtocolDtos.ProtocolVersionView;

@Path("/api/v1/studies/{id}/protocol-versions")
@Tag(name = "Studies")
@Produces(MediaType.APPLICATION_JSON)
public class ProtocolVersionResource {

    @Inject
    ProtocolVersionService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "publishProtocolVersion", summary = "Publish a new, immutable protocol version (admin)",
            description = "Versions are numbered 1, 2, 3 ... per study. `migrateEnrolled` moves every enrolled "
                    + "patient to the new version; otherwise they stay on theirs and only new enrollments use it.")
    @APIResponse(responseCode = "201", description = "Published", headers = @Header(name = "Location",
            description = "URL of the new version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProtocolVersionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid protocol (PRO-1300), one entry per problem", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@PathParam("id") UUID id, NewProtocolVersion body, @Context UriInfo uri) {
        ProtocolVersionView created = service.publish(id, body);
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(created.version())).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.CLINICIAN })
    @Operation(operationId = "listProtocolVersions", summary = "All protocol versions of a study, oldest first (admin; clinician if staff)")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ProtocolVersionView.class)))
    public List<ProtocolVersionView> list(@PathParam("id") UUID id) {
        return service.list(id);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({ Roles.ADMIN, Roles.CLINICIAN })
    @Operation(operationId = "getProtocolVersion", summary = "One protocol version (admin; clinician if staff)")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProtocolVersionView.class)))
    public ProtocolVersionView get(@PathParam("id") UUID id, @PathParam("version") int version) {
        return service.get(id, version);
    }
}
