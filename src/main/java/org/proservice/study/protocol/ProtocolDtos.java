package org.proservice.study.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the protocol-version endpoints. */
public final class ProtocolDtos {

    private ProtocolDtos() {
    }

    static final String BASELINE_MUST_PRECEDE = "The event anchor (start of treatment) a baseline must be "
            + "completed before. Default: the first event anchor. A baseline completed on or after the patient's local "
            + "day of this event is reported with baselineStatus after_treatment_start and is not used for change "
            + "from baseline, responder rules or the summary's change columns. Must be an event anchor, and the "
            + "baseline timepoint must be anchored on enrollment or an event listed before it (422 otherwise). null "
            + "when the protocol has no event anchor: every baseline is then valid.";

    @Schema(name = "NewProtocolVersion", description = """
            A protocol version to publish. Published versions are immutable; a change is a new version. Every \
            problem is reported at once (422, one entry per field, e.g. `timepoints[2].anchor`).""")
    public record NewProtocolVersion(
            @Schema(description = "Whether enrolled patients move to this version (required from version 2 on; "
                    + "new enrollments always use the latest version)") Boolean migrateEnrolled,
            @Schema(description = "Named clinical events whose dates clinicians record; `enrollment` is always an "
                    + "anchor and may be omitted", example = "[\"session-1\", \"session-3\", \"session-6\"]")
            List<String> anchors,
            @Schema(required = true, description = "The schedule; exactly one is the baseline", minItems = 1)
            List<TimepointBody> timepoints,
            @Schema(enumeration = { "accept_marked_late", "reject" }, defaultValue = "accept_marked_late",
                    description = "What happens to a submission after the window (plus grace) has closed")
            String lateSubmissions,
            @Schema(defaultValue = "0", minimum = "0", maximum = "720",
                    description = "Hours after a window closes during which a submission still counts as on time")
            Integer graceHours,
            @Schema(nullable = true, example = "session-1", description = BASELINE_MUST_PRECEDE)
            String baselineMustPrecede) {

        ProtocolDraft toDraft() {
            return new ProtocolDraft(anchors, timepoints == null ? null
                    : timepoints.stream().map(t -> t == null ? null : t.toDraft()).toList(), lateSubmissions,
                    graceHours, baselineMustPrecede);
        }
    }

    @Schema(name = "TimepointDefinition", description = """
            Instruments due `offsetDays` after the anchor's local date, in a window of whole local days from \
            `windowDaysBefore` days before to `windowDaysAfter` days after that day, in the patient's time zone.""")
    public record TimepointBody(
            @Schema(required = true, example = "T1", pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$") String key,
            @Schema(required = true, example = "After session 1", maxLength = 200) String label,
            @Schema(required = true, example = "session-1") String anchor,
            @Schema(required = true, example = "1", minimum = "0", maximum = "3650") Integer offsetDays,
            @Schema(required = true, example = "0", minimum = "0", maximum = "365") Integer windowDaysBefore,
            @Schema(required = true, example = "6", minimum = "0", maximum = "365") Integer windowDaysAfter,
            @Schema(required = true, minItems = 1, example = "[\"phq9\", \"gad7\", \"pcl5\", \"bpi-sf\"]")
            List<String> instruments,
            @Schema(description = "Arms the timepoint applies to; omit for every arm", nullable = true) List<String> arms,
            @Schema(defaultValue = "false") Boolean baseline) {

        ProtocolDraft.TimepointDraft toDraft() {
            return new ProtocolDraft.TimepointDraft(key, label, anchor, offsetDays, windowDaysBefore, windowDaysAfter,
                    instruments, arms, baseline);
        }

        static TimepointBody of(ProtocolDraft.TimepointDraft t) {
            return new TimepointBody(t.key(), t.label(), t.anchor(), t.offsetDays(), t.windowDaysBefore(),
                    t.windowDaysAfter(), t.instruments(), t.arms(), t.baseline());
        }
    }

    @Schema(name = "ProtocolVersion")
    public record ProtocolVersionView(UUID studyId,
            @Schema(example = "2") int version,
            boolean migrateEnrolled,
            @Schema(description = "Enrollments moved to this version when it was published") int migratedEnrollments,
            Instant publishedAt, String publishedBy,
            List<String> anchors, List<TimepointBody> timepoints,
            @Schema(enumeration = { "accept_marked_late", "reject" }) String lateSubmissions,
            int graceHours,
            @Schema(nullable = true, example = "session-1", description = BASELINE_MUST_PRECEDE)
            String baselineMustPrecede) {

        static ProtocolVersionView of(ProtocolVersion v) {
            ProtocolDraft d = v.definition;
            return new ProtocolVersionView(v.studyId, v.version, v.migrateEnrolled, v.migratedEnrollments,
                    v.publishedAt, v.publishedBy, d.anchors(),
                    d.timepoints().stream().map(TimepointBody::of).toList(), d.lateSubmissions(),
                    d.graceHours() == null ? 0 : d.graceHours(), v.protocol().baselineMustPrecede());
        }
    }
}
