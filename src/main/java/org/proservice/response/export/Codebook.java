package org.proservice.response.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.instrument.InstrumentDefinition.Item;
import org.proservice.instrument.InstrumentDefinition.Option;

/**
 * The codebook of the analysis exports, derived from the instrument catalog: one row per variable with its label,
 * type, allowed codes with their labels ({@code code=label}, ';'-separated) and range. Variables of the wide export's
 * fixed columns have an empty {@code instrument}; item, measure, band and change variables name their instrument.
 */
final class Codebook {

    static final List<String> HEADER = List.of("instrument", "variable", "label", "type", "codes", "min", "max");

    private Codebook() {
    }

    static List<List<String>> rows(Collection<InstrumentDefinition> instruments) {
        List<List<String>> rows = new ArrayList<>();
        fixed(rows);
        instruments.stream().sorted(Comparator.comparing(InstrumentDefinition::id)).forEach(d -> instrument(d, rows));
        return rows;
    }

    private static void fixed(List<List<String>> rows) {
        String[][] columns = {
            { "study_id", "Study id", "uuid" }, { "arm", "Arm code", "string" },
            { "subject_code", "Study subject code", "string" },
            { "timepoint", "Timepoint key; empty for an unscheduled administration", "string" },
            { "instrument_id", "Instrument id", "string" }, { "instrument_version", "Instrument version", "string" },
            { "scoring_version", "Scoring algorithm version", "string" },
            { "mode", "Who entered the answers", "string" },
            { "completed_at", "Completion time on the client, ISO-8601 UTC", "datetime" },
            { "received_at", "Time the server received it, ISO-8601 UTC", "datetime" },
            { "timing", "How the completion time relates to the task window", "string" },
            { "late", "Completed after the window and grace closed", "boolean" },
            { "amended", "Corrects an earlier response", "boolean" },
            { "response_id", "Response id", "uuid" }, { "supersedes_id", "The response this one corrects", "uuid" },
            { "is_baseline", "This response is the patient's baseline administration", "boolean" },
            { "baseline_status", "Status of the patient's baseline for this instrument", "string" },
            { "scorable", "Enough items answered to score", "boolean" },
            { "flags", "Clinical flags, ';'-separated codes", "string" },
            { "subscales", "Subscale values as a JSON object", "json" },
            { "item_id", "Long format: the item id (see the item variables)", "string" },
            { "value", "Long format: the stored code of the item; empty = unanswered", "integer" } };
        for (String[] c : columns) {
            rows.add(List.of("", c[0], c[1], c[2], codes(c[0]), "", ""));
        }
    }

    private static String codes(String variable) {
        return switch (variable) {
            case "mode" -> "self=Patient;clinician_administered=Clinician";
            case "timing" -> "on_time=On time;late=Late;no_window=Anchor event not recorded;"
                    + "unscheduled=Unscheduled administration";
            case "baseline_status" -> "valid=Completed before treatment started;after_treatment_start=Completed on "
                    + "or after the day treatment started (no change computed);missing=No baseline";
            case "late", "amended", "is_baseline", "scorable" -> "true=Yes;false=No";
            default -> "";
        };
    }

    private static void instrument(InstrumentDefinition d, List<List<String>> rows) {
        for (Item item : d.items()) {
            rows.add(List.of(d.id(), item.id(), label(item.number() + ". " + item.text()), "integer",
                    item.options().stream().map(o -> o.value() + "=" + label(o.label()))
                            .collect(Collectors.joining(";")),
                    str(min(item)), str(max(item))));
        }
        int[] itemRange = itemRange(d);
        for (String m : d.scoring().rules().seriesMeasureNames()) {
            boolean total = "total".equals(m);
            Integer lo = total && d.scoring().totalMin() != null ? d.scoring().totalMin() : itemRange[0];
            Integer hi = total && d.scoring().totalMax() != null ? d.scoring().totalMax() : itemRange[1];
            String type = total ? "integer" : "decimal";
            rows.add(List.of(d.id(), m, d.name() + " " + m, type, "", str(lo), str(hi)));
            rows.add(List.of(d.id(), "change_" + m, d.name() + " " + m + ": follow-up minus valid baseline "
                    + "(negative = lower score); empty for the baseline itself or without a valid baseline", type, "",
                    str(lo - hi), str(hi - lo)));
        }
        rows.add(List.of(d.id(), "band", d.name() + " severity band", "string", d.scoring().bands().stream()
                .map(b -> b.code() + "=" + label(b.label()) + " (" + b.min() + "-" + b.max() + ")")
                .collect(Collectors.joining(";")), "", ""));
    }

    /** The range of the scored items' codes: the range of item means (BPI-SF composites). */
    private static int[] itemRange(InstrumentDefinition d) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (Item item : d.items()) {
            if (item.scored() && !item.options().isEmpty()) {
                lo = Math.min(lo, min(item));
                hi = Math.max(hi, max(item));
            }
        }
        return lo > hi ? new int[] { 0, 0 } : new int[] { lo, hi };
    }

    private static int min(Item item) {
        return item.options().stream().mapToInt(Option::value).min().orElse(0);
    }

    private static int max(Item item) {
        return item.options().stream().mapToInt(Option::value).max().orElse(0);
    }

    /** Labels keep the separators of the codes column unambiguous. */
    private static String label(String s) {
        return s == null ? "" : s.replace(';', ',').replace('=', '-');
    }

    private static String str(Integer i) {
        return i == null ? "" : i.toString();
    }
}
