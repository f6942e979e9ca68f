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
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.report.PatientReportRenderer.Paper;
import org.proservice.report.PatientReportService.ReportData;
import org.proservice.security.Roles;

/** A patient's report for study staff: HTML to read on screen, PDF to print or file. */
@Path("/api/v1/patients/{pid}/report")
@Tag(name = "Reports")
@RolesAllowed(Roles.CLINICIAN)
public class PatientReportResource {

    static final List<String[]> FORMATS = List.of(new String[] { "html", Rendition.HTML },
            new String[] { "pdf", Rendition.PDF });

    @Inject
    PatientReportService reports;
    @Inject
    PatientReportRenderer renderer;

    @GET
    @Produces({ Rendition.HTML, Rendition.PDF })
    @Operation(operationId = "getPatientReport", summary = "A patient's report: study, subject code and arm; per "
            + "instrument and measure a chart of the score over time (bands shaded, baseline, sessions, late and "
            + "amended points marked) with its numbers in a table, change from baseline with the responder "
            + "thresholds, and the alert history (clinician staff). HTML by default; PDF with format=pdf or "
            + "Accept: application/pdf")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = Rendition.HTML, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = Rendition.PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "400", description = "Unknown format or paper (PRO-1900)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Patient in several of the caller's studies and no studyId (PRO-1505)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("pid") UUID pid,
            @QueryParam("studyId") @Parameter(description = "Needed only when the patient is in several of the caller's studies") UUID studyId,
            @QueryParam("format") @Parameter(description = "html or pdf; overrides the Accept header") String format,
            @QueryParam("paper") @Parameter(description = "a4 (default) or letter") String paper,
            @Context HttpHeaders headers) {
        String type = Rendition.choose(format, headers, FORMATS);
        Paper size = paper(paper);
        ReportData data = reports.gather(pid, studyId, Rendition.PDF.equals(type) ? "pdf" : "html");
        if (Rendition.PDF.equals(type)) {
            return Response.ok(renderer.pdf(data, size), type)
                    .header("Content-Disposition", "inline; filename=\"report-" + data.subjectCode() + ".pdf\"")
                    .build();
        }
        return Response.ok(renderer.html(data, size), Rendition.HTML + ";charset=UTF-8").build();
    }

    static Paper paper(String value) {
        if (value == null) {
            return Paper.A4;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "a4" -> Paper.A4;
            case "letter" -> Paper.LETTER;
            default -> throw new ProblemException(ErrorCode.REPORT_FORMAT_UNSUPPORTED, "Unknown paper size",
                    List.of(new FieldError("paper", "unsupported_paper", "must be one of a4, letter")));
        };
    }
}
