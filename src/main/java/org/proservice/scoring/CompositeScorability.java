package org.proservice.scoring;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Algorithm kind {@value #KIND}, for instruments without a total whose result is several composites. Parameters:
 * {@code composites} (subscale names; the score is scorable when every one of them is computed, and
 * {@code itemsAnswered} counts the answered items over their items) and optionally {@code countAnsweredOf} (a
 * subscale whose answered items are reported as {@code interferenceItemsAnswered}).
 */
final class CompositeScorability implements ScoreAlgorithm {

    static final String KIND = "composite-scorability";

    @Override
    public String check(ScoringRules rules, Map<String, Object> parameters) {
        if (!(parameters.get("composites") instanceof List<?> composites) || composites.isEmpty()) {
            return "parameter composites must list subscale names";
        }
        for (Object name : composites) {
            if (rules.subscales().stream().noneMatch(s -> s.name().equals(name))) {
                return "composite " + name + " is not a subscale";
            }
        }
        Object counted = parameters.get("countAnsweredOf");
        if (counted != null && rules.subscales().stream().noneMatch(s -> s.name().equals(counted))) {
            return "countAnsweredOf " + counted + " is not a subscale";
        }
        return null;
    }

    @Override
    public void apply(ScoringRules rules, Map<String, Object> parameters, Map<String, Integer> answers,
            ScoreDraft draft) {
        boolean scorable = true;
        Set<String> items = new HashSet<>();
        for (Object name : (List<?>) parameters.get("composites")) {
            scorable &= draft.measures.get((String) name) != null;
            rules.subscales().stream().filter(s -> s.name().equals(name)).forEach(s -> items.addAll(s.items()));
        }
        draft.scorable = scorable;
        draft.itemsAnswered = (int) items.stream().filter(i -> answers.get(i) != null).count();
        Object counted = parameters.get("countAnsweredOf");
        if (counted != null) {
            draft.interferenceItemsAnswered = (int) rules.subscales().stream().filter(s -> s.name().equals(counted))
                    .flatMap(s -> s.items().stream()).filter(i -> answers.get(i) != null).count();
        }
    }
}
