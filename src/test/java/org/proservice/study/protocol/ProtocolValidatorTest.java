package org.proservice.study.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.proservice.study.protocol.ProtocolDraft.TimepointDraft;

class ProtocolValidatorTest {

    static final List<String> ALL = List.of("phq9", "gad7", "pcl5", "bpi-sf");
    final ProtocolValidator validator = new ProtocolValidator(Set.copyOf(org.proservice.support.BuiltInCatalog.ids()),
            Set.of("psychedelic-im", "psycholytic-sl"));

    static TimepointDraft tp(String key, String anchor, int offset, boolean baseline) {
        return new TimepointDraft(key, "Label " + key, anchor, offset, 0, 6, ALL, null, baseline);
    }

    static ProtocolDraft pilot() {
        return new ProtocolDraft(List.of("session-1", "session-3", "session-6"),
                List.of(tp("T0", "enrollment", 0, true), tp("T1", "session-1", 1, false),
                        tp("T2", "session-3", 1, false), tp("T3", "session-6", 1, false)),
                null, null);
    }

    private List<String> fields(ProtocolDraft draft) {
        return validator.validate(draft).violations().stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    void pilotProtocolIsValidWithDefaultsFilledIn() {
        ProtocolValidator.Result result = validator.validate(pilot());
        assertTrue(result.isValid(), () -> result.violations().toString());
        Protocol p = result.protocol().orElseThrow();
        assertEquals(List.of("enrollment", "session-1", "session-3", "session-6"), p.anchors());
        assertEquals(LatePolicy.ACCEPT_MARKED_LATE, p.latePolicy());
        assertEquals(0, p.graceHours());
        assertEquals("T0", p.baseline().key());
        assertTrue(p.hasEventAnchor("session-3"));
        assertFalse(p.hasEventAnchor("enrollment"));
    }

    @Test
    void normalizedDraftValidatesToTheSameProtocol() {
        Protocol p = validator.validate(pilot()).protocol().orElseThrow();
        assertEquals(p, validator.validate(p.toDraft()).protocol().orElseThrow());
    }

    @Test
    void listingEnrollmentExplicitlyIsAllowedOnce() {
        ProtocolDraft d = new ProtocolDraft(List.of("enrollment", "session-1"), pilot().timepoints().subList(0, 2),
                "reject", 12);
        Protocol p = validator.validate(d).protocol().orElseThrow();
        assertEquals(List.of("enrollment", "session-1"), p.anchors());
        assertEquals(LatePolicy.REJECT, p.latePolicy());
        assertEquals(12, p.graceHours());
    }

    @Test
    void reportsEveryProblemAtOnceWithFieldPaths() {
        ProtocolDraft d = new ProtocolDraft(List.of("session-1", "session-1", "Bad Name"),
                List.of(new TimepointDraft("T0", "Baseline", "enrollment", 0, 0, 7, List.of("phq9", "phq10"), null, true),
                        new TimepointDraft("T0", "", "session-9", -1, -2, null, List.of(), List.of(), false),
                        new TimepointDraft("T2", "After 3", "session-1", 1, 0, 6, List.of("gad7", "gad7"),
                                List.of("psychedelic-im", "no-such-arm"), true)),
                "sometimes", -1);
        List<String> f = fields(d);
        assertEquals(List.of(
                "anchors[1]:duplicate_anchor",
                "anchors[2]:invalid_name",
                "timepoints[0].instruments[1]:unknown_instrument",
                "timepoints[1].key:duplicate_key",
                "timepoints[1].label:required",
                "timepoints[1].anchor:unknown_anchor",
                "timepoints[1].offsetDays:negative",
                "timepoints[1].windowDaysBefore:negative",
                "timepoints[1].windowDaysAfter:required",
                "timepoints[1].instruments:required",
                "timepoints[1].arms:empty",
                "timepoints[2].instruments[1]:duplicate_instrument",
                "timepoints[2].arms[1]:unknown_arm",
                "timepoints[2].arms:baseline_arm_filter",
                "timepoints[0].baseline:multiple_baselines",
                "timepoints[2].baseline:multiple_baselines",
                "lateSubmissions:unknown_late_policy",
                "graceHours:negative",
                // the second baseline is anchored on session-1, the default treatment start: undecidable
                "timepoints[2].anchor:baseline_not_before_treatment"), f);
    }

    @Test
    void protocolWithoutBaselineIsRejected() {
        ProtocolDraft d = new ProtocolDraft(List.of("session-1"),
                List.of(tp("T0", "enrollment", 0, false), tp("T1", "session-1", 1, false)), null, null);
        assertEquals(List.of("timepoints:no_baseline"), fields(d));
    }

    @Test
    void protocolWithoutTimepointsIsRejectedWithoutInventingABaselineError() {
        assertEquals(List.of("timepoints:required"), fields(new ProtocolDraft(null, null, null, null)));
        assertEquals(List.of("timepoints:required"), fields(new ProtocolDraft(List.of(), List.of(), null, null)));
    }

    @Test
    void missingBodyIsOneProblem() {
        assertEquals(List.of("body:required"), fields(null));
    }

    @Test
    void armFilterLimitsTimepointToItsArms() {
        List<TimepointDraft> tps = new ArrayList<>(pilot().timepoints());
        tps.add(new TimepointDraft("T1-im", "IM only", "session-1", 2, 0, 3, List.of("phq9"),
                List.of("psychedelic-im"), false));
        Protocol p = validator.validate(new ProtocolDraft(pilot().anchors(), tps, null, null)).protocol().orElseThrow();
        assertEquals(List.of("T0", "T1", "T2", "T3", "T1-im"),
                p.timepointsFor("psychedelic-im").stream().map(Timepoint::key).toList());
        assertEquals(List.of("T0", "T1", "T2", "T3"),
                p.timepointsFor("psycholytic-sl").stream().map(Timepoint::key).toList());
    }

    @Test
    void rangesAndKeyFormatAreEnforced() {
        ProtocolDraft d = new ProtocolDraft(null, List.of(
                new TimepointDraft("T 0", "x".repeat(201), "enrollment", 3651, 366, 0, ALL, null, true),
                new TimepointDraft(null, "ok", null, 0, 0, 0, Arrays.asList("phq9", null), null, null)), null, 721);
        assertEquals(List.of(
                "timepoints[0].key:invalid_key",
                "timepoints[0].label:too_long",
                "timepoints[0].offsetDays:out_of_range",
                "timepoints[0].windowDaysBefore:out_of_range",
                "timepoints[1].key:required",
                "timepoints[1].anchor:required",
                "timepoints[1].instruments[1]:unknown_instrument",
                "graceHours:out_of_range"), fields(d));
    }

    @Test
    void baselineMustPrecedeDefaultsToTheFirstEventAnchorAndIsStoredResolved() {
        Protocol p = validator.validate(pilot()).protocol().orElseThrow();
        assertEquals("session-1", p.baselineMustPrecede());
        assertEquals("session-1", p.toDraft().baselineMustPrecede());
        assertEquals("session-1", Protocol.fromNormalizedDraft(p.toDraft()).baselineMustPrecede());
    }

    @Test
    void protocolWithoutEventAnchorsHasNoTreatmentStartAndEveryBaselineIsValid() {
        ProtocolDraft d = new ProtocolDraft(List.of(), List.of(new TimepointDraft("T0", "Baseline", "enrollment", 0,
                0, 7, ALL, null, true)), null, null);
        assertEquals(null, validator.validate(d).protocol().orElseThrow().baselineMustPrecede());
    }

    @Test
    void baselineAnchoredOnAnEventBeforeTheNamedTreatmentStartIsDecidable() {
        ProtocolDraft d = new ProtocolDraft(List.of("screening", "session-1"), List.of(
                new TimepointDraft("T0", "Baseline", "screening", 0, 0, 7, ALL, null, true),
                new TimepointDraft("T1", "After 1", "session-1", 1, 0, 6, ALL, null, false)), null, null, "session-1");
        assertEquals("session-1", validator.validate(d).protocol().orElseThrow().baselineMustPrecede());
        ProtocolDraft byDefault = new ProtocolDraft(d.anchors(), d.timepoints(), null, null);
        assertEquals(List.of("timepoints[0].anchor:baseline_not_before_treatment"), fields(byDefault));
        ProtocolDraft unknown = new ProtocolDraft(d.anchors(), d.timepoints(), null, null, "session-9");
        assertEquals(List.of("baselineMustPrecede:unknown_event_anchor"), fields(unknown));
    }
}
