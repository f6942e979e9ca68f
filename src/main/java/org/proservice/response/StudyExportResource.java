package org.proservice.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.security.Roles;

/** The streamed study CSV export for study staff. */
@Path("/api/v1/studies/{id}/export.csv")
@Tag(name = "Reports")
@RolesAllowed(Roles.CLINICIAN)
public class StudyExportResource {

    static final String CSV = "text/csv";


    @Inject
    CsvExportService csv;

    @GET
    @Produces(CSV)
    @Operation(operationId = "exportStudyCsv", summary = "One row per current response with its scores, streamed "
            + "(clinician staff). RFC 4180, UTF-8, header row. Columns: study_id, arm, subject_code, timepoint (empty "
            + "= unscheduled), instrument_id, instrument_version, scoring_version, mode, completed_at, received_at "
            + "(ISO-8601 UTC), total, band, flags (';'-joined codes), subscales (JSON object), late, amended, "
            + "response_id, supersedes_id")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response export(@PathParam("id") UUID id,
            @QueryParam("instrument") @Parameter(description = "Only this instrument") String instrument) {
        var actor = csv.authorize(id, instrument);
        StreamingOutput body = out -> csv.write(id, instrument, actor, out);
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"study-" + id + ".csv\"").build();
    }
}
