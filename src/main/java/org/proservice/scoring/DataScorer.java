package org.proservice.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.proservice.scoring.ScoringRules.FlagRule;
import org.proservice.scoring.ScoringRules.SubscaleRule;
import org.proservice.scoring.ScoringRules.TotalRule;

/**
 * Scores one instrument version from its rules as data: total (sum with prorating and rounding half-up, or mean,
 * then an optional linear transform), subscales (sums or means of item lists), bands on one measure, flags, and
 * then the named {@link ScoreAlgorithm} when the definition names one. Pure function of the answers.
 */
public final class DataScorer implements Scorer {

    public static final String SUM = "sum";
    public static final String MEAN = "mean";
    public static final String PRORATED = "prorated";
    public static final String INSUFFICIENT_ITEMS = "insufficient_items";

    private final AnswerSchema schema;
    private final String scoringVersion;
    private final List<Band> bands;
    private final ScoringRules rules;
    private final ScoreAlgorithm algorithm;

    public DataScorer(AnswerSchema schema, String scoringVersion, List<Band> bands, ScoringRules rules) {
        this.schema = schema;
        this.scoringVersion = scoringVersion;
        this.bands = List.copyOf(bands);
        this.rules = rules;
        this.algorithm = rules.algorithm() == null ? null : ScoreAlgorithms.find(rules.algorithm().kind())
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm " + rules.algorithm().kind()));
    }

    @Override
    public AnswerSchema schema() {
        return schema;
    }

    @Override
    public String scoringVersion() {
        return scoringVersion;
    }

    @Override
    public List<Band> bands() {
        return bands;
    }

    @Override
    public ScoringRules rules() {
        return rules;
    }

    /** The items a total or subscale covers: the listed ones, or every scored item when none are listed. */
    public List<String> itemsOf(List<String> listed) {
        if (listed != null && !listed.isEmpty()) {
            return listed;
        }
        return schema.items().stream().filter(ItemSchema::scored).map(ItemSchema::id).toList();
    }

    @Override
    public Score score(Map<String, Integer> submitted) {
        Map<String, Integer> answers = checked(submitted);
        ScoreDraft draft = new ScoreDraft();
        if (rules.total() != null) {
            total(rules.total(), answers, draft);
        }
        for (SubscaleRule s : rules.subscales()) {
            draft.measures.put(s.name(), subscale(s, answers, draft));
        }
        Number banded = draft.measures.get(rules.bandMeasureOrDefault());
        if (banded != null && !bands.isEmpty()) {
            draft.band = Band.of(bands, banded.intValue());
        }
        for (FlagRule f : rules.flags()) {
            if (raised(f, answers, draft)) {
                draft.flags.add(f.code());
            }
        }
        if (algorithm != null) {
            algorithm.apply(rules, rules.algorithm().parameters(), answers, draft);
        }
        return draft.toScore(this);
    }

    private void total(TotalRule t, Map<String, Integer> answers, ScoreDraft draft) {
        List<String> items = itemsOf(t.items());
        int n = items.size();
        int raw = 0;
        int answered = 0;
        for (String id : items) {
            Integer v = answers.get(id);
            if (v != null) {
                raw += v;
                answered++;
            }
        }
        int min = t.minAnswered() == null ? n : t.minAnswered();
        draft.itemsAnswered = answered;
        Number value = null;
        if (MEAN.equals(t.method())) {
            if (answered >= Math.max(min, 1)) {
                value = (double) raw / answered;
            } else {
                draft.flags.add(t.insufficientFlag() == null ? INSUFFICIENT_ITEMS : t.insufficientFlag());
            }
        } else {
            draft.rawSum = raw;
            Integer total = null;
            if (answered == n) {
                total = raw;
            } else if (answered >= min) {
                total = Rounding.prorate(raw, n, answered);
                draft.proratedUnrounded = (double) raw * n / answered;
                draft.flags.add(t.proratedFlag() == null ? PRORATED : t.proratedFlag());
            } else {
                draft.flags.add(t.insufficientFlag() == null ? INSUFFICIENT_ITEMS : t.insufficientFlag());
            }
            if (total != null && t.transform() != null) {
                total = total * t.transform().multiply() + t.transform().add();
            }
            value = total;
            if (TotalRule.DEFAULT_NAME.equals(t.nameOrDefault())) {
                draft.total = total;
            }
        }
        draft.measures.put(t.nameOrDefault(), value);
        draft.scorable = value != null;
    }

    private Number subscale(SubscaleRule s, Map<String, Integer> answers, ScoreDraft draft) {
        int n = s.items().size();
        int sum = 0;
        int answered = 0;
        for (String id : s.items()) {
            Integer v = answers.get(id);
            if (v != null) {
                sum += v;
                answered++;
            }
        }
        int min = Math.max(1, s.minAnswered() == null ? n : s.minAnswered());
        if (answered < min) {
            if (s.incompleteFlag() != null) {
                draft.flags.add(s.incompleteFlag());
            }
            return null;
        }
        if (answered < n && s.partialFlag() != null) {
            draft.flags.add(s.partialFlag());
        }
        return MEAN.equals(s.method()) ? (Number) ((double) sum / answered) : (Number) sum;
    }

    private static boolean raised(FlagRule f, Map<String, Integer> answers, ScoreDraft draft) {
        if (f.item() != null) {
            Integer v = answers.get(f.item());
            if (Boolean.TRUE.equals(f.whenMissing())) {
                return v == null;
            }
            return v != null && f.atLeast() != null && BigDecimal.valueOf(v).compareTo(f.atLeast()) >= 0;
        }
        Number m = draft.measures.get(f.measure());
        if (m == null) {
            return Boolean.TRUE.equals(f.whenMissing());
        }
        return f.atLeast() != null && Fraction.of(m).compareTo(Fraction.of(f.atLeast())) >= 0;
    }
}
