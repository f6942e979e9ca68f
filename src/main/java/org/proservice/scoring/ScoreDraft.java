package org.proservice.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A score being built by {@link DataScorer} and refined by a {@link ScoreAlgorithm}. */
public final class ScoreDraft {
    boolean scorable;
    Integer total;
    Integer rawSum;
    Integer itemsAnswered;
    Double proratedUnrounded;
    final Map<String, Number> measures = new LinkedHashMap<>();
    Map<String, Integer> endorsed;
    Integer interferenceItemsAnswered;
    String band;
    String provisionalDiagnosis;
    final TreeSet<String> flags = new TreeSet<>();

    Score toScore(Scorer scorer) {
        Map<String, Number> subscales = new LinkedHashMap<>(measures);
        subscales.remove(ScoringRules.TotalRule.DEFAULT_NAME);
        return new Score(scorer.instrumentId(), scorer.instrumentVersion(), scorer.scoringVersion(), scorable, total,
                rawSum, itemsAnswered, proratedUnrounded, subscales, endorsed, interferenceItemsAnswered, band,
                provisionalDiagnosis, List.copyOf(flags), measures);
    }
}
