package org.proservice.study;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.security.Roles;
import org.proservice.study.StudyDtos.NewStudy;
import org.proservice.study.StudyDtos.StaffAssignment;
import org.proservice.study.StudyDtos.StaffView;
import org.proservice.study.StudyDtos.StudyView;

@Path("/api/v1/studies")
@Tag(name = "Studies")
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {

    static final String SUBJECT_PATTERN = "^[\\x21-\\x7E]{1,255}$";

    @Inject
    StudyService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createStudy", summary = "Create a study with its arms (admin)")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location",
            description = "URL of the new study", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudyView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or invalid fields (one entry per field)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Duplicate arm codes", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid NewStudy body, @Context UriInfo uri) {
        StudyView created = service.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.CLINICIAN })
    @Operation(operationId = "listStudies", summary = "Studies the caller may see: all for an admin, a clinician's own studies")
    @APIResponse(responseCode = "200", description = "The studies, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StudyView.class)))
    public List<StudyView> list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.CLINICIAN })
    @Operation(operationId = "getStudy", summary = "One study with arms and staff (admin; clinician if staff)")
    @APIResponse(responseCode = "200", description = "The study",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudyView.class)))
    public StudyView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Path("/{id}/staff/{subject}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putStudyStaff", summary = "Make an identity subject staff of the study, or change its staff role (admin)")
    @APIResponse(responseCode = "200", description = "Role updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "201", description = "Added to the staff",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "400", description = "Invalid subject or role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putStaff(@PathParam("id") UUID id,
            @PathParam("subject") @Size(max = 255) @Pattern(regexp = SUBJECT_PATTERN, message = "must be 1 to 255 printable ASCII characters")
            @Parameter(description = "The identity-provider subject (JWT sub) of the staff member") String subject,
            @Valid StaffAssignment body) {
        StudyService.StaffResult result = service.putStaff(id, subject, body == null ? null : body.role());
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(result.member()).build();
    }

    @DELETE
    @Path("/{id}/staff/{subject}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteStudyStaff", summary = "Remove an identity subject from the study's staff (admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    public void deleteStaff(@PathParam("id") UUID id, @PathParam("subject") String subject) {
        service.removeStaff(id, subject);
    }
}
