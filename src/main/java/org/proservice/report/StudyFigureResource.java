package org.proservice.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.security.Roles;

/** The study's per-arm summary figure for study staff. */
@Path("/api/v1/studies/{id}/summary/figure")
@Tag(name = "Reports")
@RolesAllowed(Roles.CLINICIAN)
public class StudyFigureResource {

    static final List<String[]> FORMATS = List.of(new String[] { "svg", Rendition.SVG },
            new String[] { "png", Rendition.PNG });

    @Inject
    StudyFigureService figures;

    @GET
    @Produces({ Rendition.SVG, Rendition.PNG })
    @Operation(operationId = "getStudySummaryFigure", summary = "The study summary as a figure: per arm the mean "
            + "of one measure at each timepoint with +/- 1 SD and n, in colour-blind-safe colours and distinct "
            + "marker shapes (clinician staff). SVG by default; PNG with format=png or Accept: image/png")
    @APIResponse(responseCode = "200", description = "The figure", content = {
        @Content(mediaType = Rendition.SVG, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = Rendition.PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "400", description = "instrument missing or unknown, a measure the instrument does not have, or an unknown format (PRO-1900)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response figure(@PathParam("id") UUID id,
            @QueryParam("instrument") @Parameter(required = true, description = "phq9, gad7, pcl5 or bpi-sf") String instrument,
            @QueryParam("measure") @Parameter(description = "total (PHQ-9, GAD-7, PCL-5); for BPI-SF interference "
                    + "(default), worst or severityComposite") String measure,
            @QueryParam("format") @Parameter(description = "svg or png; overrides the Accept header") String format,
            @Context HttpHeaders headers) {
        String type = Rendition.choose(format, headers, FORMATS);
        return Response.ok(figures.figure(id, instrument, measure, type), type).build();
    }
}
