package org.proservice.study.protocol;

import java.util.List;

/**
 * A protocol definition as a client sends it and as it is stored (JSONB column {@code protocol_version.definition}).
 * Every field may be missing so that {@link ProtocolValidator} can name every problem at once; a stored draft is
 * always a normalized, valid one ({@link Protocol#toDraft()}). Pure Java: no framework imports.
 *
 * @param anchors         named clinical events (e.g. {@code session-1}); {@code enrollment} is always an anchor and
 *                        may be omitted
 * @param timepoints      the schedule of assessments
 * @param lateSubmissions {@code accept_marked_late} (default) or {@code reject}
 * @param graceHours      hours after a window closes during which a submission still counts as on time (default 0)
 * @param baselineMustPrecede the event anchor a baseline must be completed before (the start of treatment; default:
 *                        the first event anchor; stored resolved, null only when the protocol has no event anchor)
 */
public record ProtocolDraft(List<String> anchors, List<TimepointDraft> timepoints, String lateSubmissions,
        Integer graceHours, String baselineMustPrecede) {

    /** A draft that leaves {@code baselineMustPrecede} to its default. */
    public ProtocolDraft(List<String> anchors, List<TimepointDraft> timepoints, String lateSubmissions,
            Integer graceHours) {
        this(anchors, timepoints, lateSubmissions, graceHours, null);
    }

    /**
     * One timepoint as sent. {@code arms} missing means every arm; {@code baseline} missing means false.
     */
    public record TimepointDraft(String key, String label, String anchor, Integer offsetDays, Integer windowDaysBefore,
            Integer windowDaysAfter, List<String> instruments, List<String> arms, Boolean baseline) {
    }
}
