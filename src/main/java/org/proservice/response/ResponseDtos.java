package org.proservice.response;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.proservice.instrument.ScoreView;
import org.proservice.platform.SharedSchemas;

/** Request and response bodies of the responses feature. */
public final class ResponseDtos {

    private ResponseDtos() {
    }

    static final String ANSWERS_DESCRIPTION = "Item id -> integer code, as in POST /api/v1/instruments/{id}/score. "
            + "null or an absent item means unanswered. Unknown items, codes outside the item's options, decimals and "
            + "non-numbers are rejected with 422 (one entry per item, never echoing the value).";

    @Schema(name = "ResponseSubmission", description = "One completed questionnaire. The task is named by the "
            + "timepoint key and the instrument id; a clinician may leave timepointKey out for an unscheduled "
            + "administration.")
    public record Submission(
            @Schema(nullable = true, description = "The study of the enrollment the task belongs to. Needed only "
                    + "when the patient is enrolled in more than one study the caller can reach.") UUID studyId,
            @Size(max = 32) @Schema(nullable = true, example = "T1", description = "Timepoint key of the task. "
                    + "Required for patients; omitted by a clinician for an unscheduled administration.")
            String timepointKey,
            @NotBlank @Size(max = 32) @Schema(required = true, example = "phq9") String instrumentId,
            @NotBlank @Size(max = 16) @Schema(required = true, example = "1.0",
                    description = "Instrument version the answers belong to (the catalog's version)")
            String instrumentVersion,
            @NotNull @Schema(required = true, ref = SharedSchemas.ANSWERS, description = ANSWERS_DESCRIPTION)
            JsonNode answers,
            @NotNull @Schema(required = true, example = "2026-03-10T09:15:00Z", description = "When the "
                    + "questionnaire was completed on the client (kept to the microsecond). It decides whether the "
                    + "submission is on time or late. At most 5 minutes in the future of the server clock.")
            Instant completedAt) {
    }

    @Schema(name = "ResponseAmendment", description = "A correction of a response: the new answers replace the old "
            + "ones in a new, superseding response; the old one stays in the trail.")
    public record Amendment(
            @NotBlank @Size(max = 2000) @Schema(required = true, example = "Patient misread item 3 on paper form")
            String reason,
            @NotNull @Schema(required = true, ref = SharedSchemas.ANSWERS, description = ANSWERS_DESCRIPTION)
            JsonNode answers,
            @Size(max = 16) @Schema(nullable = true, example = "1.0", description = "Defaults to the amended "
                    + "response's instrument version") String instrumentVersion) {
    }

    @Schema(name = "Response", description = "A stored response with the score computed at receipt")
    public record ResponseView(
            UUID id,
            UUID patientId,
            UUID studyId,
            @Schema(nullable = true, example = "T1", description = "null for an unscheduled administration")
            String timepointKey,
            @Schema(example = "phq9") String instrumentId,
            @Schema(example = "1.0") String instrumentVersion,
            @Schema(enumeration = { "self", "clinician_administered" }) String mode,
            @Schema(ref = SharedSchemas.ANSWERS, description = "The answers as given, in form "
                    + "order; null only in a history page asked with answers=false")
            Map<String, Integer> answers,
            @Schema(description = "Client completion time") Instant completedAt,
            @Schema(description = "Server receive time") Instant receivedAt,
            @Schema(enumeration = { "on_time", "late", "no_window", "unscheduled" }, description = "How the "
                    + "completion time relates to the task's window: no_window = the task's anchor event was not "
                    + "recorded yet (clinician-administered only)") String timing,
            @Schema(description = "Completed after the task's window (and grace) closed; accepted by the "
                    + "protocol's late policy") boolean late,
            @Schema(description = "Identity subject of the submitter (patient or clinician)") String submittedBy,
            ScoreView score,
            @Schema(enumeration = { "current", "superseded" }) String status,
            @Schema(nullable = true, description = "The response this one corrects") UUID supersedesId,
            @Schema(nullable = true, description = "The response that corrects this one") UUID supersededById,
            @Schema(nullable = true, description = "Why this response corrects supersedesId") String amendmentReason,
            @Schema(nullable = true, description = "Only in the answer to a patient's own submission that raised a "
                    + "safety alert: the study's crisis message (null when the study has none)")
            org.proservice.study.PatientSettingsDtos.CrisisMessage crisisMessage) {

        /** This view carrying the study's crisis message. */
        public ResponseView withCrisisMessage(org.proservice.study.PatientSettingsDtos.CrisisMessage message) {
            return new ResponseView(id, patientId, studyId, timepointKey, instrumentId, instrumentVersion, mode,
                    answers, completedAt, receivedAt, timing, late, submittedBy, score, status, supersedesId,
                    supersededById, amendmentReason, message);
        }
    }

    @Schema(name = "ResponsePage", description = "One page of a history, newest first")
    public record ResponsePage(List<ResponseView> items,
            @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last page")
            String nextCursor) {
    }

    @Schema(name = "ResponseWithTrail", description = "A response and its amendment trail")
    public record ResponseWithTrail(ResponseView response,
            @Schema(description = "Every version of this administration, oldest first; the last is current")
            List<ResponseView> trail) {
    }

    @Schema(name = "ChangeFromBaseline", description = "Change of one measure from the baseline administration "
            + "(SPEC 1.6, 2.6, 3.6, 4.6). reduction = baseline - follow-up (positive = improvement).")
    public record ChangeView(
            @Schema(example = "total") String measure,
            double baseline,
            double followUp,
            double reduction,
            @Schema(nullable = true, description = "100 x reduction / baseline; null when baseline is 0")
            Double percentReduction,
            @Schema(type = SchemaType.OBJECT, description = "Named thresholds of the instrument, true when reached, "
                    + "e.g. response_ge_50pct_reduction, remission_lt_5, mcid_ge_5_point_reduction",
                    example = "{\"response_ge_50pct_reduction\": true, \"remission_lt_5\": false}")
            Map<String, Boolean> thresholds) {
    }

    @Schema(name = "ScorePoint", description = "One current response in a score series")
    public record ScorePoint(
            UUID responseId,
            @Schema(nullable = true, example = "T1") String timepointKey,
            Instant completedAt,
            boolean late,
            @Schema(description = "Whether this response corrects an earlier one") boolean amended,
            @Schema(description = "Whether this is the baseline administration") boolean baseline,
            @Schema(nullable = true, description = "The whole-number total, for instruments with one") Integer total,
            @Schema(nullable = true, description = "Measure `worst` (BPI-SF worst pain 0-10), kept for existing "
                    + "clients; see `measures`") Number worst,
            @Schema(nullable = true, description = "Measure `severityComposite`, kept for existing clients; see "
                    + "`measures`") Number severityComposite,
            @Schema(nullable = true, description = "Measure `interference`, kept for existing clients; see "
                    + "`measures`") Number interference,
            @Schema(nullable = true) String band,
            List<String> flags,
            @Schema(description = "Change from baseline per measure; empty for the baseline itself or when there "
                    + "is no usable baseline (missing, or completed after treatment started)") List<ChangeView> change,
            @Schema(ref = org.proservice.platform.SharedSchemas.MEASURES, description = "Every series measure of the instrument (catalog "
                    + "`scoring.measures` with `series` true) by name; null when not computable",
                    example = "{\"total\": 9}") Map<String, Number> measures,
            @Schema(nullable = true, enumeration = { "valid", "after_treatment_start" }, description = "On the "
                    + "baseline point only: after_treatment_start when it was completed on or after the patient's "
                    + "local day of the protocol's baselineMustPrecede event (then no change is computed from it); "
                    + "null on other points") String baselineStatus) {
    }

    @Schema(name = "ScoreSeries", description = "A patient's scores on one instrument over time, oldest first")
    public record ScoreSeries(
            UUID patientId,
            UUID studyId,
            @Schema(example = "phq9") String instrumentId,
            @Schema(description = "The measures of each point, from the catalog (`scoring.measures` with "
                    + "`series` true)") List<String> measures,
            @Schema(nullable = true, example = "T0", description = "The protocol's baseline timepoint")
            String baselineTimepoint,
            @Schema(enumeration = { "present", "missing", "after_treatment_start", "no_protocol" }, description =
                    "present: the baseline timepoint has a current response completed before treatment started (or "
                    + "before its start is recorded); missing: it has none yet (no change is computed); "
                    + "after_treatment_start: its response was completed on or after the patient's local day of the "
                    + "protocol's baselineMustPrecede event, so it is not a baseline (no change is computed); "
                    + "no_protocol: the enrollment's protocol version is unknown") String baselineStatus,
            @Schema(nullable = true) ScorePoint baseline,
            List<ScorePoint> points) {
    }

    @Schema(name = "SummaryRow", description = "One arm x timepoint cell of a study summary")
    public record SummaryRow(
            @Schema(example = "psychedelic-im") String arm,
            @Schema(example = "T1") String timepointKey,
            @Schema(nullable = true, example = "After session 1") String timepointLabel,
            @Schema(description = "Whether this is the baseline timepoint") boolean baseline,
            @Schema(description = "Current responses with a value of the measure") long n,
            @Schema(nullable = true) Double mean,
            @Schema(nullable = true, description = "Sample standard deviation (n - 1); null when n < 2") Double sd,
            @Schema(nullable = true, description = "Median (continuous percentile 0.5)") Double median,
            @Schema(description = "Patients with a value both here and at baseline") long nWithBaseline,
            @Schema(nullable = true, description = "Mean of (follow-up - baseline) over nWithBaseline patients; "
                    + "negative = improvement; null at baseline") Double meanChangeFromBaseline,
            @Schema(nullable = true, description = "Patients meeting responderRule; null at baseline") Long responders,
            @Schema(type = SchemaType.OBJECT, description = "Baselines left out of the change columns (nWithBaseline, "
                    + "meanChangeFromBaseline, responders), counted per reason; empty when none. At the baseline "
                    + "timepoint: its responses that are not valid baselines (they still count in n, mean, sd and "
                    + "median); elsewhere: patients with a value here whose baseline was left out. Reason "
                    + "after_treatment_start: completed on or after the patient's local day of the protocol's "
                    + "baselineMustPrecede event.", example = "{\"after_treatment_start\": 1}")
            Map<String, Long> baselinesExcluded) {
    }

    @Schema(name = "StudySummary", description = "Per arm x timepoint statistics of one instrument over current "
            + "(non-superseded) scheduled responses, computed in the database")
    public record StudySummary(
            UUID studyId,
            @Schema(example = "phq9") String instrumentId,
            @Schema(example = "total", description = "The summarised measure") String measure,
            @Schema(example = "response_ge_50pct_reduction", description = "Which change rule counts as a responder") String responderRule,
            List<SummaryRow> rows) {
    }
}
