package org.proservice.response.export;

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
import org.proservice.error.Problem;
import org.proservice.response.ResponseDtos.StudySummary;
import org.proservice.security.Roles;

/** Analysis-ready CSV exports of a study for study staff; see docs/exports.md. */
@Path("/api/v1/studies/{id}/exports")
@Tag(name = "Reports")
@RolesAllowed(Roles.CLINICIAN)
public class AnalysisExportResource {

    static final String CSV = "text/csv";
    static final String COMMON = " RFC 4180, UTF-8, header row, streamed; typed codes that a spreadsheet would read "
            + "as a formula get a leading apostrophe. Variables, codes and ranges: the codebook.";

    @Inject
    AnalysisExportService exports;

    @GET
    @Path("responses.csv")
    @Produces(CSV)
    @Operation(operationId = "exportStudyResponsesWide", summary = "One row per current response of one instrument "
            + "with item-level answers, scores, baseline status and change from baseline (clinician staff)",
            description = "Columns: study_id, arm, subject_code, timepoint (empty = unscheduled), instrument_id, "
                    + "instrument_version, scoring_version, mode, completed_at, received_at (ISO-8601 UTC), timing, "
                    + "late, amended, response_id, supersedes_id, is_baseline, baseline_status (valid | "
                    + "after_treatment_start | missing: the patient's baseline for this instrument), then one column "
                    + "per item of the instrument named by its item id (codes as stored, empty = unanswered), "
                    + "scorable, the measures (total; BPI-SF worst, severityComposite, interference), band, flags "
                    + "(';'-joined), subscales (JSON), and change_<measure> = follow-up minus the valid baseline "
                    + "(empty for the baseline itself and without a valid baseline). Every patient in the file gets "
                    + "an audit row." + COMMON)
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No or unknown instrument (PRO-1002)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response responses(@PathParam("id") UUID id,
            @QueryParam("instrument") @Parameter(required = true, description = "The instrument, e.g. phq9") String instrument) {
        AnalysisExportService.Job job = exports.prepare(id, instrument, true);
        return csv((StreamingOutput) out -> exports.wide(job, out), "study-" + id + "-" + instrument + ".csv");
    }

    @GET
    @Path("answers.csv")
    @Produces(CSV)
    @Operation(operationId = "exportStudyAnswersLong", summary = "One row per stored item answer of every current "
            + "response, all instruments (clinician staff)",
            description = "Columns: study_id, arm, subject_code, timepoint, instrument_id, instrument_version, "
                    + "response_id, completed_at, item_id, value (the stored code; empty = stored as unanswered). "
                    + "Every patient in the file gets an audit row." + COMMON)
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response answers(@PathParam("id") UUID id) {
        AnalysisExportService.Job job = exports.prepare(id, null, false);
        return csv((StreamingOutput) out -> exports.longFormat(job, out), "study-" + id + "-answers.csv");
    }

    @GET
    @Path("codebook.csv")
    @Produces(CSV)
    @Operation(operationId = "exportStudyCodebook", summary = "Codebook of the analysis exports, from the instrument "
            + "catalog (clinician staff)",
            description = "Columns: instrument (empty for the fixed columns), variable, label, type (uuid, string, "
                    + "datetime, boolean, integer, decimal, json), codes (allowed codes with labels, code=label, "
                    + "';'-separated), min, max (item codes, measure and change ranges).")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Unknown instrument (PRO-1002)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response codebook(@PathParam("id") UUID id,
            @QueryParam("instrument") @Parameter(description = "Only this instrument's variables (and the fixed ones)") String instrument) {
        AnalysisExportService.Job job = exports.prepare(id, instrument, false);
        return csv((StreamingOutput) out -> exports.codebook(job, out), "codebook.csv");
    }

    @GET
    @Path("summary.csv")
    @Produces(CSV)
    @Operation(operationId = "exportStudySummaryCsv", summary = "The per arm x timepoint summary of one instrument as "
            + "CSV (clinician staff)",
            description = "The rows of GET /api/v1/studies/{id}/summary. Columns: instrument_id, measure, "
                    + "responder_rule, arm, timepoint, timepoint_label, is_baseline, n, mean, sd, median, "
                    + "n_with_baseline, mean_change_from_baseline, responders, baselines_excluded_after_treatment_start.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No or unknown instrument or measure (PRO-1002)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response summary(@PathParam("id") UUID id,
            @QueryParam("instrument") @Parameter(required = true, description = "The instrument, e.g. phq9") String instrument,
            @QueryParam("measure") @Parameter(description = "BPI-SF: worst, severityComposite or interference (default)") String measure) {
        AnalysisExportService.Job job = exports.prepare(id, instrument, true);
        StudySummary summary = exports.summary(job, measure);
        return csv((StreamingOutput) out -> exports.writeSummary(summary, out), "study-" + id + "-summary.csv");
    }

    private static Response csv(StreamingOutput body, String filename) {
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
