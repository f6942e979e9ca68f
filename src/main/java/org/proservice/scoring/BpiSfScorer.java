package org.proservice.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * BPI-SF, 24-hour recall (SPEC section 4). No total.
 * <ul>
 * <li>{@code worst}, {@code least}, {@code average}, {@code now} (Q3-Q6) and {@code reliefPct} (Q8) as given.</li>
 * <li>{@code severityComposite} = mean of Q3-Q6, only when all four are answered [PC]; otherwise null and flag
 * {@code severity_incomplete}.</li>
 * <li>{@code interference} = mean of the answered items 9A-9G when at least 4 are answered (flag
 * {@code interference_partial} when 4-6); 3 or fewer: null and flag {@code interference_insufficient_items}.</li>
 * <li>Band from the worst-pain item only: {@code none} 0, {@code mild} 1-4, {@code moderate} 5-6,
 * {@code severe} 7-10.</li>
 * <li>{@code scorable} = both composites computable [PC]. Means are kept unrounded.</li>
 * <li>Q1 (pain today, 1 = yes, 2 = no) is validated and stored, never scored.</li>
 * </ul>
 */
public final class BpiSfScorer implements Scorer {

    public static final String INSTRUMENT_ID = "bpi-sf";
    public static final String INSTRUMENT_VERSION = "1.0";
    public static final String SCORING_VERSION = "bpi-sf-scoring-1.0";

    public static final String PAIN_TODAY = "bpi_q1_pain_today";
    public static final String WORST = "bpi_q3_worst";
    public static final String LEAST = "bpi_q4_least";
    public static final String AVERAGE = "bpi_q5_average";
    public static final String NOW = "bpi_q6_now";
    public static final String RELIEF = "bpi_q8_relief_pct";
    public static final List<String> SEVERITY_ITEMS = List.of(WORST, LEAST, AVERAGE, NOW);
    public static final List<String> INTERFERENCE_ITEMS = List.of("bpi_q9a_general_activity", "bpi_q9b_mood",
            "bpi_q9c_walking_ability", "bpi_q9d_normal_work", "bpi_q9e_relations", "bpi_q9f_sleep",
            "bpi_q9g_enjoyment_of_life");
    static final int MIN_INTERFERENCE_ITEMS = 4;

    public static final List<Band> BANDS = List.of(
            new Band("none", 0, 0),
            new Band("mild", 1, 4),
            new Band("moderate", 5, 6),
            new Band("severe", 7, 10));

    private static final AnswerSchema SCHEMA;

    static {
        List<ItemSchema> items = new ArrayList<>();
        items.add(ItemSchema.unscored(PAIN_TODAY, List.of(1, 2)));
        for (String id : SEVERITY_ITEMS) {
            items.add(ItemSchema.scored(id, ItemSchema.range(0, 10, 1)));
        }
        items.add(ItemSchema.scored(RELIEF, ItemSchema.range(0, 100, 10)));
        for (String id : INTERFERENCE_ITEMS) {
            items.add(ItemSchema.scored(id, ItemSchema.range(0, 10, 1)));
        }
        SCHEMA = new AnswerSchema(INSTRUMENT_ID, INSTRUMENT_VERSION, items);
    }

    @Override
    public AnswerSchema schema() {
        return SCHEMA;
    }

    @Override
    public String scoringVersion() {
        return SCORING_VERSION;
    }

    @Override
    public List<Band> bands() {
        return BANDS;
    }

    @Override
    public Score score(Map<String, Integer> submitted) {
        Map<String, Integer> answers = checked(submitted);
        TreeSet<String> flags = new TreeSet<>();

        int severitySum = 0;
        int severityAnswered = 0;
        for (String id : SEVERITY_ITEMS) {
            Integer v = answers.get(id);
            if (v != null) {
                severitySum += v;
                severityAnswered++;
            }
        }
        Double severityComposite = null;
        if (severityAnswered == SEVERITY_ITEMS.size()) {
            severityComposite = (double) severitySum / SEVERITY_ITEMS.size();
        } else {
            flags.add(Flags.SEVERITY_INCOMPLETE);
        }

        int interferenceSum = 0;
        int interferenceAnswered = 0;
        for (String id : INTERFERENCE_ITEMS) {
            Integer v = answers.get(id);
            if (v != null) {
                interferenceSum += v;
                interferenceAnswered++;
            }
        }
        Double interference = null;
        if (interferenceAnswered >= MIN_INTERFERENCE_ITEMS) {
            interference = (double) interferenceSum / interferenceAnswered;
            if (interferenceAnswered < INTERFERENCE_ITEMS.size()) {
                flags.add(Flags.INTERFERENCE_PARTIAL);
            }
        } else {
            flags.add(Flags.INTERFERENCE_INSUFFICIENT_ITEMS);
        }

        Map<String, Number> subscales = new LinkedHashMap<>();
        subscales.put("worst", answers.get(WORST));
        subscales.put("least", answers.get(LEAST));
        subscales.put("average", answers.get(AVERAGE));
        subscales.put("now", answers.get(NOW));
        subscales.put("severityComposite", severityComposite);
        subscales.put("interference", interference);
        subscales.put("reliefPct", answers.get(RELIEF));

        Integer worst = answers.get(WORST);
        String band = worst == null ? null : Band.of(BANDS, worst);
        boolean scorable = severityComposite != null && interference != null;
        return new Score(INSTRUMENT_ID, INSTRUMENT_VERSION, SCORING_VERSION, scorable, null, null,
                severityAnswered + interferenceAnswered, null, subscales, null, interferenceAnswered, band, null,
                List.copyOf(flags));
    }
}
