package org.proservice.instrument;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.proservice.instrument.InvalidDefinitionException.Problem;
import org.proservice.scoring.DataScorer;
import org.proservice.scoring.ScoreAlgorithm;
import org.proservice.scoring.ScoreAlgorithms;
import org.proservice.scoring.ScoringRules;

/**
 * The checks a JSON Schema cannot make: every item a rule names exists, bands neither overlap nor leave a gap and
 * cover the range of the measure they apply to, every measure, flag, change rule and alert refers to something the
 * definition defines, and a named algorithm exists and accepts its parameters. Each problem carries its JSON pointer.
 */
final class DefinitionChecks {

    /** Path segment reserved by the API ({@code /api/v1/instruments/schema}). */
    static final String RESERVED_ID = "schema";

    private final InstrumentDefinition d;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Boolean> scoredItems = new HashMap<>();

    private DefinitionChecks(InstrumentDefinition d) {
        this.d = d;
    }

    static List<Problem> check(InstrumentDefinition d) {
        DefinitionChecks c = new DefinitionChecks(d);
        c.run();
        return List.copyOf(c.problems);
    }

    private void run() {
        if (RESERVED_ID.equals(d.id())) {
            add("/id", "\"" + RESERVED_ID + "\" is reserved");
        }
        for (int i = 0; i < d.items().size(); i++) {
            InstrumentDefinition.Item item = d.items().get(i);
            if (scoredItems.put(item.id(), item.scored()) != null) {
                add("/items/" + i + "/id", "duplicate item id " + item.id());
            }
            Set<Integer> values = new HashSet<>();
            for (int j = 0; j < item.options().size(); j++) {
                if (!values.add(item.options().get(j).value())) {
                    add("/items/" + i + "/options/" + j + "/value", "duplicate option value "
                            + item.options().get(j).value());
                }
            }
        }
        ScoringRules rules = d.scoring().rules();
        Set<String> measures = new LinkedHashSet<>();
        Set<String> flags = new HashSet<>();
        if (rules.total() != null) {
            ScoringRules.TotalRule t = rules.total();
            int n = itemList("/scoring/total/items", t.items(), true);
            if (t.minAnswered() != null && t.minAnswered() > n) {
                add("/scoring/total/minAnswered", "is more than the " + n + " items of the total");
            }
            measures.add(t.nameOrDefault());
            flags.add(t.proratedFlag() == null ? DataScorer.PRORATED : t.proratedFlag());
            flags.add(t.insufficientFlag() == null ? DataScorer.INSUFFICIENT_ITEMS : t.insufficientFlag());
        }
        for (int i = 0; i < rules.subscales().size(); i++) {
            ScoringRules.SubscaleRule s = rules.subscales().get(i);
            String at = "/scoring/subscales/" + i;
            if (!measures.add(s.name())) {
                add(at + "/name", "duplicate measure name " + s.name());
            }
            int n = itemList(at + "/items", s.items(), false);
            if (s.minAnswered() != null && s.minAnswered() > n) {
                add(at + "/minAnswered", "is more than the " + n + " items of the subscale");
            }
            addIfPresent(flags, s.incompleteFlag());
            addIfPresent(flags, s.partialFlag());
        }
        for (int i = 0; i < rules.flags().size(); i++) {
            ScoringRules.FlagRule f = rules.flags().get(i);
            String at = "/scoring/flags/" + i;
            if (f.item() != null && !scoredItems.containsKey(f.item())) {
                add(at + "/item", "unknown item " + f.item());
            }
            if (f.measure() != null && !measures.contains(f.measure())) {
                add(at + "/measure", "unknown measure " + f.measure());
            }
            flags.add(f.code());
        }
        d.translations().forEach((tag, t) -> problems.addAll(checkTranslation(d, tag, t, "/translations/" + tag)));
        checkBands(rules, measures);
        checkAlgorithm(rules);
        checkMeasures(rules, measures);
        for (int i = 0; i < rules.alerts().size(); i++) {
            if (!flags.contains(rules.alerts().get(i).flag())) {
                add("/scoring/alerts/" + i + "/flag", "no rule of this definition raises flag "
                        + rules.alerts().get(i).flag());
            }
        }
    }

    /** A translation covers every item, names no other, and labels only existing options. */
    static List<Problem> checkTranslation(InstrumentDefinition d, String tag, InstrumentDefinition.Translation t,
            String at) {
        List<Problem> out = new ArrayList<>();
        java.util.Locale locale = java.util.Locale.forLanguageTag(tag == null ? "" : tag);
        if (tag == null || locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
            out.add(new Problem(at.isEmpty() ? "/language" : at, "is not a BCP 47 language tag: " + tag));
        } else if (tag.equalsIgnoreCase(d.language())) {
            out.add(new Problem(at.isEmpty() ? "/language" : at, "is the definition's own language"));
        }
        Map<String, String> texts = t.items() == null ? Map.of() : t.items();
        for (InstrumentDefinition.Item item : d.items()) {
            String text = texts.get(item.id());
            if (text == null || text.isBlank()) {
                out.add(new Problem(at + "/items", "has no text for item " + item.id()));
            }
        }
        for (String id : texts.keySet()) {
            if (d.items().stream().noneMatch(i -> i.id().equals(id))) {
                out.add(new Problem(at + "/items/" + id, "unknown item " + id));
            }
        }
        if (t.optionLabels() != null) {
            t.optionLabels().forEach((id, labels) -> {
                InstrumentDefinition.Item item = d.items().stream().filter(i -> i.id().equals(id)).findFirst()
                        .orElse(null);
                if (item == null) {
                    out.add(new Problem(at + "/optionLabels/" + id, "unknown item " + id));
                    return;
                }
                if (labels == null) {
                    out.add(new Problem(at + "/optionLabels/" + id, "must map option values to labels"));
                    return;
                }
                for (String value : labels.keySet()) {
                    if (item.options().stream().noneMatch(o -> Integer.toString(o.value()).equals(value))) {
                        out.add(new Problem(at + "/optionLabels/" + id + "/" + value, "item " + id
                                + " has no option " + value));
                    }
                }
            });
        }
        return out;
    }

    private int itemList(String at, List<String> ids, boolean mayBeEmpty) {
        if (ids == null || ids.isEmpty()) {
            if (!mayBeEmpty) {
                add(at, "must name at least one item");
            }
            return (int) scoredItems.values().stream().filter(Boolean::booleanValue).count();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!scoredItems.containsKey(id)) {
                add(at + "/" + i, "unknown item " + id);
            } else if (!scoredItems.get(id)) {
                add(at + "/" + i, "item " + id + " is not scored");
            }
            if (!seen.add(id)) {
                add(at + "/" + i, "item " + id + " is listed twice");
            }
        }
        return ids.size();
    }

    private void checkBands(ScoringRules rules, Set<String> measures) {
        List<InstrumentDefinition.BandInfo> bands = d.scoring().bands();
        if (bands.isEmpty()) {
            return;
        }
        String on = rules.bandMeasureOrDefault();
        if (!measures.contains(on)) {
            add(rules.bandMeasure() == null ? "/scoring/bands" : "/scoring/bandMeasure", "bands apply to measure "
                    + on + ", which this definition does not compute");
            return;
        }
        ScoringRules.MeasureRule m = rules.measure(on).orElse(null);
        if (m == null || !m.integer()) {
            add("/scoring/bands", "bands need a whole-number measure with a range in scoring.measures (" + on + ")");
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < bands.size(); i++) {
            InstrumentDefinition.BandInfo b = bands.get(i);
            String at = "/scoring/bands/" + i;
            if (!codes.add(b.code())) {
                add(at + "/code", "duplicate band code " + b.code());
            }
            if (b.min() > b.max()) {
                add(at, "min " + b.min() + " is above max " + b.max());
            }
            if (i == 0 && BigDecimal.valueOf(b.min()).compareTo(m.min()) != 0) {
                add(at + "/min", "the first band must start at the measure's minimum " + m.min().toPlainString());
            }
            if (i > 0) {
                int previousMax = bands.get(i - 1).max();
                if (b.min() <= previousMax) {
                    add(at + "/min", "overlaps the band before it (which ends at " + previousMax + ")");
                } else if (b.min() > previousMax + 1) {
                    add(at + "/min", "leaves a gap after the band before it (" + (previousMax + 1) + " to "
                            + (b.min() - 1) + " has no band)");
                }
            }
            if (i == bands.size() - 1 && BigDecimal.valueOf(b.max()).compareTo(m.max()) != 0) {
                add(at + "/max", "the last band must end at the measure's maximum " + m.max().toPlainString());
            }
        }
    }

    private void checkAlgorithm(ScoringRules rules) {
        if (rules.algorithm() == null) {
            return;
        }
        ScoreAlgorithm a = ScoreAlgorithms.find(rules.algorithm().kind()).orElse(null);
        if (a == null) {
            add("/scoring/algorithm/kind", "unknown algorithm kind " + rules.algorithm().kind() + " (known: "
                    + String.join(", ", ScoreAlgorithms.kinds()) + ")");
            return;
        }
        String problem = a.check(rules, rules.algorithm().parameters());
        if (problem != null) {
            add("/scoring/algorithm/parameters", problem);
        }
    }

    private void checkMeasures(ScoringRules rules, Set<String> computed) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.measures().size(); i++) {
            ScoringRules.MeasureRule m = rules.measures().get(i);
            String at = "/scoring/measures/" + i;
            if (!computed.contains(m.name())) {
                add(at + "/name", "unknown measure " + m.name() + " (computed: " + String.join(", ", computed) + ")");
            }
            if (!names.add(m.name())) {
                add(at + "/name", "duplicate measure " + m.name());
            }
            if (m.min().compareTo(m.max()) >= 0) {
                add(at + "/max", "must be above min");
            }
            Set<String> codes = new HashSet<>();
            for (int j = 0; j < m.changeRules().size(); j++) {
                if (!codes.add(m.changeRules().get(j).code())) {
                    add(at + "/changeRules/" + j + "/code", "duplicate change rule " + m.changeRules().get(j).code());
                }
            }
            if (m.responderRule() != null && !codes.contains(m.responderRule())) {
                add(at + "/responderRule", "is not one of this measure's change rules");
            }
            if (m.series() && m.responderRule() == null) {
                add(at + "/responderRule", "a measure shown in series and summaries needs a responder rule");
            }
        }
        if (rules.seriesMeasures().isEmpty()) {
            add("/scoring/measures", "at least one measure must have series true");
        }
        if (rules.summaryMeasure() != null && rules.seriesMeasures().stream()
                .noneMatch(m -> m.name().equals(rules.summaryMeasure()))) {
            add("/scoring/summaryMeasure", "must name a measure with series true");
        }
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private void add(String pointer, String message) {
        problems.add(new Problem(pointer, message));
    }
}
