package org.proservice.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GAD-7 (SPEC section 2). Total = sum of items 1-7 (0-21). Exactly 6 answered: total =
 * round_half_up(rawSum * 7 / 6), flag {@code prorated} [PC]; 5 or fewer: not scorable, flag
 * {@code insufficient_items}. No safety flag. The difficulty item is never scored nor counted.
 */
public final class Gad7Scorer implements Scorer {

    public static final String INSTRUMENT_ID = "gad7";
    public static final String INSTRUMENT_VERSION = "1.0";
    public static final String SCORING_VERSION = "gad7-scoring-1.0";
    public static final String DIFFICULTY = "gad7_difficulty";
    static final int ITEM_COUNT = 7;
    static final int MIN_ANSWERED = 6;

    public static final List<Band> BANDS = List.of(
            new Band("minimal", 0, 4),
            new Band("mild", 5, 9),
            new Band("moderate", 10, 14),
            new Band("severe", 15, 21));

    private static final List<String> SCORED_ITEMS;
    private static final AnswerSchema SCHEMA;

    static {
        List<String> scored = new ArrayList<>();
        List<ItemSchema> items = new ArrayList<>();
        for (int i = 1; i <= ITEM_COUNT; i++) {
            scored.add("gad7_q" + i);
            items.add(ItemSchema.scored("gad7_q" + i, ItemSchema.range(0, 3, 1)));
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
        return sum.toScore(this, BANDS, sum.flags());
    }
}
