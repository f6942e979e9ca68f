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
import org.proservice.schedule.ScheduleDtos.EnrollmentView;
import org.proservice.schedule.ScheduleDtos.NewEnrollment;
import org.proservice.security.Roles;

@Path("/api/v1/studies/{id}/enrollments")
@Tag(name = "Schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class EnrollmentResource {

    @Inject
    EnrollmentService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "enrollPatient", summary = "Enroll a patient on the study's latest protocol version (clinician, staff of the study)")
    @APIResponse(responseCode = "201", description = "Enrolled", headers = @Header(name = "Location",
            description = "URL of the enrollment", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrollmentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or missing/ill-formed fields", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Subject code used in the study (PRO-1301), identity subject already enrolled (PRO-1302), or no protocol version yet (PRO-1303)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown arm or time zone (PRO-1304)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response enroll(@PathParam("id") UUID id, @NotNull @Valid NewEnrollment body, @Context UriInfo uri) {
        EnrollmentView created = service.enroll(id, body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Operation(operationId = "listEnrollments", summary = "The study's enrollments by subject code (clinician, staff of the study)")
    @APIResponse(responseCode = "200", description = "The enrollments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EnrollmentView.class)))
    public List<EnrollmentView> list(@PathParam("id") UUID id) {
        return service.list(id);
    }

    @GET
    @Path("/{enrollmentId}")
    @Operation(operationId = "getEnrollment", summary = "One enrollment (clinician, staff of the study)")
    @APIResponse(responseCode = "200", description = "The enrollment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrollmentView.class)))
    public EnrollmentView get(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId) {
        return service.get(id, enrollmentId);
    }
}
