package org.proservice.study.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.proservice.study.protocol.ProtocolDraft.TimepointDraft;

/**
 * Checks a {@link ProtocolDraft} against the instruments the service knows and the arms of the study, and reports
 * <em>every</em> problem at once, each with a field path such as {@code timepoints[2].anchor}. Pure Java.
 *
 * <p>Rules: {@code enrollment} is always an anchor (listing it is optional); anchor names are lower-case letters,
 * digits and '-', unique; at least one timepoint; keys are letters, digits, '_' and '-' (they appear in URLs),
 * unique; label required; anchor declared; {@code offsetDays} 0..{@value #MAX_OFFSET_DAYS}, window days
 * 0..{@value #MAX_WINDOW_DAYS} (all three required: no silent defaults in a clinical schedule); at least one
 * instrument, each known, none twice; an arm filter, when present, non-empty, each arm of the study, none twice;
 * exactly one baseline, and the baseline applies to every arm (change from baseline needs it for every patient);
 * {@code lateSubmissions} {@code accept_marked_late} (default) or {@code reject}; {@code graceHours}
 * 0..{@value #MAX_GRACE_HOURS} (default 0).
 *
 * <p>Baseline validity: {@code baselineMustPrecede} names the event (start of treatment) a baseline must be completed
 * before; default: the first event anchor. It must be a declared event anchor (not {@code enrollment}), and the
 * baseline timepoint must be anchored on an anchor that happens before it ({@code enrollment} or an event listed
 * earlier; events happen in the order listed): otherwise whether a baseline precedes treatment cannot be decided and
 * the definition is refused. A protocol without event anchors has no treatment event: every baseline is valid.
 */
public final class ProtocolValidator {

    public static final int MAX_ANCHORS = 50;
    public static final int MAX_TIMEPOINTS = 200;
    public static final int MAX_OFFSET_DAYS = 3650;
    public static final int MAX_WINDOW_DAYS = 365;
    public static final int MAX_GRACE_HOURS = 720;
    public static final int MAX_LABEL = 200;
    public static final Pattern ANCHOR_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    public static final Pattern TIMEPOINT_KEY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$");

    private final Set<String> knownInstruments;
    private final Set<String> studyArms;

    public ProtocolValidator(Set<String> knownInstruments, Set<String> studyArms) {
        this.knownInstruments = Set.copyOf(knownInstruments);
        this.studyArms = Set.copyOf(studyArms);
    }

    /** The outcome: a protocol when {@code violations} is empty, otherwise every violation found. */
    public record Result(Optional<Protocol> protocol, List<ProtocolViolation> violations) {
        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    public Result validate(ProtocolDraft draft) {
        List<ProtocolViolation> problems = new ArrayList<>();
        if (draft == null) {
            problems.add(new ProtocolViolation("body", "required", "a protocol definition is required"));
            return new Result(Optional.empty(), problems);
        }
        List<String> anchors = anchors(draft.anchors(), problems);
        List<Timepoint> timepoints = timepoints(draft.timepoints(), Set.copyOf(anchors), problems);
        LatePolicy policy = latePolicy(draft.lateSubmissions(), problems);
        int grace = bounded(draft.graceHours(), 0, MAX_GRACE_HOURS, "graceHours", problems);
        String mustPrecede = baselineMustPrecede(draft, anchors, problems);
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems));
        }
        return new Result(Optional.of(new Protocol(anchors, timepoints, policy, grace, mustPrecede)), List.of());
    }

    /** The event a baseline must precede, with the checks that make "before treatment" decidable. */
    private static String baselineMustPrecede(ProtocolDraft draft, List<String> anchors,
            List<ProtocolViolation> problems) {
        String given = draft.baselineMustPrecede();
        List<String> events = anchors.stream().filter(a -> !Protocol.ENROLLMENT.equals(a)).toList();
        if (given != null && !events.contains(given)) {
            problems.add(new ProtocolViolation("baselineMustPrecede", "unknown_event_anchor",
                    "must name one of the event anchors" + (events.isEmpty() ? " (there are none)"
                            : ": " + String.join(", ", events))));
            return null;
        }
        String event = given != null ? given : events.isEmpty() ? null : events.get(0);
        if (event == null || draft.timepoints() == null) {
            return event;
        }
        for (int i = 0; i < draft.timepoints().size(); i++) {
            TimepointDraft t = draft.timepoints().get(i);
            if (t == null || !Boolean.TRUE.equals(t.baseline()) || t.anchor() == null || !anchors.contains(t.anchor())) {
                continue;
            }
            if (anchors.indexOf(t.anchor()) >= anchors.indexOf(event)) {
                problems.add(new ProtocolViolation("timepoints[" + i + "].anchor", "baseline_not_before_treatment",
                        "the baseline is anchored on " + t.anchor() + ", which does not happen before " + event
                                + " (baselineMustPrecede" + (given == null ? ", by default the first event anchor"
                                        : "") + "); anchor the baseline earlier or name a later event"));
            }
        }
        return event;
    }

    private static List<String> anchors(List<String> given, List<ProtocolViolation> problems) {
        List<String> anchors = new ArrayList<>();
        anchors.add(Protocol.ENROLLMENT);
        if (given == null) {
            return anchors;
        }
        if (given.size() > MAX_ANCHORS) {
            problems.add(new ProtocolViolation("anchors", "too_many", "at most " + MAX_ANCHORS + " anchors"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            String field = "anchors[" + i + "]";
            if (name == null || name.isBlank()) {
                problems.add(new ProtocolViolation(field, "required", "an anchor needs a name"));
            } else if (!ANCHOR_NAME.matcher(name).matches()) {
                problems.add(new ProtocolViolation(field, "invalid_name",
                        "anchor names are lower-case letters, digits and '-', at most 64"));
            } else if (!seen.add(name)) {
                problems.add(new ProtocolViolation(field, "duplicate_anchor", "anchor '" + name + "' is listed twice"));
            } else if (!Protocol.ENROLLMENT.equals(name)) {
                anchors.add(name);
            }
        }
        return anchors;
    }

    private List<Timepoint> timepoints(List<TimepointDraft> given, Set<String> anchors,
            List<ProtocolViolation> problems) {
        if (given == null || given.isEmpty()) {
            problems.add(new ProtocolViolation("timepoints", "required", "at least one timepoint is required"));
            return List.of();
        }
        if (given.size() > MAX_TIMEPOINTS) {
            problems.add(new ProtocolViolation("timepoints", "too_many", "at most " + MAX_TIMEPOINTS + " timepoints"));
        }
        List<Timepoint> result = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Integer> baselines = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "timepoints[" + i + "]";
            TimepointDraft t = given.get(i);
            if (t == null) {
                problems.add(new ProtocolViolation(at, "required", "a timepoint cannot be null"));
                continue;
            }
            int before = problems.size();
            key(t.key(), at, keys, problems);
            label(t.label(), at, problems);
            if (t.anchor() == null || t.anchor().isBlank()) {
                problems.add(new ProtocolViolation(at + ".anchor", "required", "the anchor is required"));
            } else if (!anchors.contains(t.anchor())) {
                problems.add(new ProtocolViolation(at + ".anchor", "unknown_anchor",
                        "anchor '" + safe(t.anchor()) + "' is not declared in anchors"));
            }
            int offset = required(t.offsetDays(), 0, MAX_OFFSET_DAYS, at + ".offsetDays", problems);
            int windowBefore = required(t.windowDaysBefore(), 0, MAX_WINDOW_DAYS, at + ".windowDaysBefore", problems);
            int windowAfter = required(t.windowDaysAfter(), 0, MAX_WINDOW_DAYS, at + ".windowDaysAfter", problems);
            List<String> instruments = instruments(t.instruments(), at, problems);
            List<String> arms = arms(t.arms(), at, problems);
            boolean baseline = Boolean.TRUE.equals(t.baseline());
            if (baseline) {
                baselines.add(i);
                if (t.arms() != null) {
                    problems.add(new ProtocolViolation(at + ".arms", "baseline_arm_filter",
                            "the baseline must apply to every arm; remove the arm filter"));
                }
            }
            if (problems.size() == before) {
                result.add(new Timepoint(t.key(), t.label().strip(), t.anchor(), offset, windowBefore, windowAfter,
                        instruments, arms, baseline, i));
            }
        }
        if (baselines.isEmpty()) {
            problems.add(new ProtocolViolation("timepoints", "no_baseline", "exactly one timepoint must be the baseline"));
        } else if (baselines.size() > 1) {
            for (int i : baselines) {
                problems.add(new ProtocolViolation("timepoints[" + i + "].baseline", "multiple_baselines",
                        "exactly one timepoint may be the baseline; " + baselines.size() + " are"));
            }
        }
        return result;
    }

    private static void key(String key, String at, Set<String> keys, List<ProtocolViolation> problems) {
        if (key == null || key.isBlank()) {
            problems.add(new ProtocolViolation(at + ".key", "required", "the key is required"));
        } else if (!TIMEPOINT_KEY.matcher(key).matches()) {
            problems.add(new ProtocolViolation(at + ".key", "invalid_key",
                    "keys are letters, digits, '_' and '-', at most 32"));
        } else if (!keys.add(key)) {
            problems.add(new ProtocolViolation(at + ".key", "duplicate_key", "key '" + key + "' is used twice"));
        }
    }

    private static void label(String label, String at, List<ProtocolViolation> problems) {
        if (label == null || label.isBlank()) {
            problems.add(new ProtocolViolation(at + ".label", "required", "the label is required"));
        } else if (label.length() > MAX_LABEL) {
            problems.add(new ProtocolViolation(at + ".label", "too_long", "at most " + MAX_LABEL + " characters"));
        }
    }

    private List<String> instruments(List<String> given, String at, List<ProtocolViolation> problems) {
        if (given == null || given.isEmpty()) {
            problems.add(new ProtocolViolation(at + ".instruments", "required", "at least one instrument is required"));
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < given.size(); j++) {
            String id = given.get(j);
            String field = at + ".instruments[" + j + "]";
            if (id == null || !knownInstruments.contains(id)) {
                problems.add(new ProtocolViolation(field, "unknown_instrument",
                        "unknown instrument; known: " + String.join(", ", knownInstruments.stream().sorted().toList())));
            } else if (!seen.add(id)) {
                problems.add(new ProtocolViolation(field, "duplicate_instrument", "'" + id + "' is listed twice"));
            }
        }
        return given;
    }

    private List<String> arms(List<String> given, String at, List<ProtocolViolation> problems) {
        if (given == null) {
            return List.of();
        }
        if (given.isEmpty()) {
            problems.add(new ProtocolViolation(at + ".arms", "empty",
                    "an arm filter needs at least one arm; omit it to apply to every arm"));
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < given.size(); j++) {
            String arm = given.get(j);
            String field = at + ".arms[" + j + "]";
            if (arm == null || !studyArms.contains(arm)) {
                problems.add(new ProtocolViolation(field, "unknown_arm", "not an arm of this study"));
            } else if (!seen.add(arm)) {
                problems.add(new ProtocolViolation(field, "duplicate_arm", "'" + arm + "' is listed twice"));
            }
        }
        return given;
    }

    private static LatePolicy latePolicy(String value, List<ProtocolViolation> problems) {
        if (value == null) {
            return LatePolicy.ACCEPT_MARKED_LATE;
        }
        Optional<LatePolicy> policy = LatePolicy.fromWire(value);
        if (policy.isEmpty()) {
            problems.add(new ProtocolViolation("lateSubmissions", "unknown_late_policy",
                    "must be accept_marked_late or reject"));
        }
        return policy.orElse(LatePolicy.ACCEPT_MARKED_LATE);
    }

    private static int required(Integer value, int min, int max, String field, List<ProtocolViolation> problems) {
        if (value == null) {
            problems.add(new ProtocolViolation(field, "required", "required (days, " + min + " to " + max + ")"));
            return 0;
        }
        return bounded(value, min, max, field, problems);
    }

    private static int bounded(Integer value, int min, int max, String field, List<ProtocolViolation> problems) {
        if (value == null) {
            return min;
        }
        if (value < 0 && min == 0) {
            problems.add(new ProtocolViolation(field, "negative", "must not be negative"));
        } else if (value < min || value > max) {
            problems.add(new ProtocolViolation(field, "out_of_range", "must be " + min + " to " + max));
        }
        return value;
    }

    /** Echo names only when they look like names; never echo arbitrary input into error bodies. */
    private static String safe(String s) {
        return ANCHOR_NAME.matcher(s).matches() ? s : "?";
    }
}
