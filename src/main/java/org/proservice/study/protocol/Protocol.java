package org.proservice.study.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A validated protocol definition (obtain one from {@link ProtocolValidator}). Immutable.
 *
 * @param anchors    {@code enrollment} first, then the named events in declaration order
 * @param graceHours hours after a window closes during which a submission still counts as on time
 * @param baselineMustPrecede the event anchor (start of treatment) a baseline must be completed before, on an
 *                   earlier local day; null when the protocol has no event anchor (every baseline is then valid)
 */
public record Protocol(List<String> anchors, List<Timepoint> timepoints, LatePolicy latePolicy, int graceHours,
        String baselineMustPrecede) {

    /** The anchor every protocol has: the enrollment date. Not recordable as an event. */
    public static final String ENROLLMENT = "enrollment";

    public Protocol {
        anchors = List.copyOf(anchors);
        timepoints = List.copyOf(timepoints);
    }

    /**
     * Rebuilds a protocol from a draft that {@link ProtocolValidator} accepted and {@link #toDraft()} normalized
     * (as stored in {@code protocol_version.definition}). Performs no validation.
     */
    public static Protocol fromNormalizedDraft(ProtocolDraft d) {
        java.util.ArrayList<Timepoint> tps = new java.util.ArrayList<>();
        for (int i = 0; i < d.timepoints().size(); i++) {
            ProtocolDraft.TimepointDraft t = d.timepoints().get(i);
            tps.add(new Timepoint(t.key(), t.label(), t.anchor(), t.offsetDays(), t.windowDaysBefore(),
                    t.windowDaysAfter(), t.instruments(), t.arms() == null ? List.of() : t.arms(),
                    Boolean.TRUE.equals(t.baseline()), i));
        }
        String mustPrecede = d.baselineMustPrecede() != null ? d.baselineMustPrecede()
                : d.anchors().stream().filter(a -> !ENROLLMENT.equals(a)).findFirst().orElse(null);
        return new Protocol(d.anchors(), tps, LatePolicy.fromWire(d.lateSubmissions()).orElseThrow(),
                d.graceHours() == null ? 0 : d.graceHours(), mustPrecede);
    }

    /** The timepoints that apply to a patient of {@code armCode}, in protocol order. */
    public List<Timepoint> timepointsFor(String armCode) {
        return timepoints.stream().filter(t -> t.appliesTo(armCode)).toList();
    }

    public Optional<Timepoint> timepoint(String key) {
        return timepoints.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    public Timepoint baseline() {
        return timepoints.stream().filter(Timepoint::baseline).findFirst().orElseThrow();
    }

    /** Whether {@code name} is an event anchor clinicians record (every anchor except {@code enrollment}). */
    public boolean hasEventAnchor(String name) {
        return !ENROLLMENT.equals(name) && anchors.contains(name);
    }

    public List<String> eventAnchors() {
        return anchors.stream().filter(a -> !ENROLLMENT.equals(a)).toList();
    }

    /** The normalized draft: the form stored and returned (explicit defaults, {@code arms} null for "all"). */
    public ProtocolDraft toDraft() {
        return new ProtocolDraft(anchors, timepoints.stream().map(t -> new ProtocolDraft.TimepointDraft(t.key(),
                t.label(), t.anchor(), t.offsetDays(), t.windowDaysBefore(), t.windowDaysAfter(), t.instruments(),
                t.arms().isEmpty() ? null : t.arms(), t.baseline())).toList(), latePolicy.wireName(), graceHours,
                baselineMustPrecede);
    }
}
