package org.proservice.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.audit.AuditDtos.AuditPage;
import org.proservice.error.Problem;
import org.proservice.security.Roles;

@Path("/api/v1/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditQueryService service;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listAuditEvents",
            summary = "Audit events, newest first, filtered by patient, actor and time (admin)")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor (one entry per parameter)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditPage list(
            @QueryParam("patient") @Parameter(description = "Patient id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String patient,
            @QueryParam("actor") @Parameter(description = "Actor subject (JWT sub)") String actor,
            @QueryParam("from") @Parameter(description = "Earliest time, inclusive (ISO-8601 instant)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String from,
            @QueryParam("to") @Parameter(description = "Latest time, exclusive (ISO-8601 instant)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String to,
            @QueryParam("limit") @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) String limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return service.page(AuditQuery.parse(patient, actor, from, to, limit, cursor));
    }
}
