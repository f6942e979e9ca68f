package org.proservice.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * PHQ-9 (SPEC section 1). Total = sum of items 1-9 (0-27). 7 or 8 items answered: total =
 * round_half_up(rawSum * 9 / answered), flag {@code prorated}; 6 or fewer: not scorable, flag
 * {@code insufficient_items}. {@code item9_positive} when item 9 >= 1 and {@code item9_missing} when item 9 is
 * unanswered, whether or not the total is scorable. The difficulty item is never scored nor counted.
 */
public final class Phq9Scorer implements Scorer {

    public static final String INSTRUMENT_ID = "phq9";
    public static final String INSTRUMENT_VERSION = "1.0";
    public static final String SCORING_VERSION = "phq9-scoring-1.0";
    public static final String ITEM9 = "phq9_q9";
    public static final String DIFFICULTY = "phq9_difficulty";
    static final int ITEM_COUNT = 9;
    static final int MIN_ANSWERED = 7;

    public static final List<Band> BANDS = List.of(
            new Band("none_minimal", 0, 4),
            new Band("mild", 5, 9),
            new Band("moderate", 10, 14),
            new Band("moderately_severe", 15, 19),
            new Band("severe", 20, 27));

    private static final List<String> SCORED_ITEMS;
    private static final AnswerSchema SCHEMA;

    static {
        List<String> scored = new ArrayList<>();
        List<ItemSchema> items = new ArrayList<>();
        for (int i = 1; i <= ITEM_COUNT; i++) {
            scored.add("phq9_q" + i);
            items.add(ItemSchema.scored("phq9_q" + i, ItemSchema.range(0, 3, 1)));
        }
        items.add(ItemSchema.unscored(DIFFICULTY, ItemSchema.range(0, 3, 1)));
        SCORED_ITEMS = List.copyOf(scored);
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
        SumScore sum = SumScore.of(answers, SCORED_ITEMS, MIN_ANSWERED);
        TreeSet<String> flags = new TreeSet<>(sum.flags());
        Integer item9 = answers.get(ITEM9);
        if (item9 == null) {
            flags.add(Flags.ITEM9_MISSING);
        } else if (item9 >= 1) {
            flags.add(Flags.ITEM9_POSITIVE);
        }
        return sum.toScore(this, BANDS, flags);
    }
}
