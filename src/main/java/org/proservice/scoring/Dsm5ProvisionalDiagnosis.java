package org.proservice.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.proservice.scoring.ScoringRules.SubscaleRule;

/**
 * Algorithm kind {@value #KIND}: a provisional diagnosis from symptom clusters. Parameters: {@code endorsedAt}
 * (an item counts as endorsed at this value or above) and {@code clusters} (subscale name to the number of endorsed
 * items the cluster requires; the cluster's items are those of the subscale). Result: {@code endorsed} per cluster
 * (answered items at or above {@code endorsedAt}) and the diagnosis {@code met} when every cluster has its
 * requirement among the answered items, {@code not_met} when some cluster cannot reach it even if all its unanswered
 * items were endorsed, {@code indeterminate} otherwise.
 */
final class Dsm5ProvisionalDiagnosis implements ScoreAlgorithm {

    static final String KIND = "dsm5-provisional-diagnosis";
    public static final String MET = "met";
    public static final String NOT_MET = "not_met";
    public static final String INDETERMINATE = "indeterminate";

    @Override
    public String check(ScoringRules rules, Map<String, Object> parameters) {
        if (!(parameters.get("endorsedAt") instanceof Number)) {
            return "parameter endorsedAt must be a number";
        }
        if (!(parameters.get("clusters") instanceof Map<?, ?> clusters) || clusters.isEmpty()) {
            return "parameter clusters must map subscale names to required counts";
        }
        for (Map.Entry<?, ?> e : clusters.entrySet()) {
            if (rules.subscales().stream().noneMatch(s -> s.name().equals(e.getKey()))) {
                return "cluster " + e.getKey() + " is not a subscale";
            }
            if (!(e.getValue() instanceof Number)) {
                return "cluster " + e.getKey() + " needs a whole number of required items";
            }
        }
        return null;
    }

    @Override
    public void apply(ScoringRules rules, Map<String, Object> parameters, Map<String, Integer> answers,
            ScoreDraft draft) {
        int endorsedAt = ((Number) parameters.get("endorsedAt")).intValue();
        Map<String, Integer> endorsed = new LinkedHashMap<>();
        boolean allMet = true;
        boolean someUnreachable = false;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parameters.get("clusters")).entrySet()) {
            int required = ((Number) e.getValue()).intValue();
            SubscaleRule cluster = rules.subscales().stream().filter(s -> s.name().equals(e.getKey())).findFirst()
                    .orElseThrow();
            int count = 0;
            int missing = 0;
            for (String id : cluster.items()) {
                Integer v = answers.get(id);
                if (v == null) {
                    missing++;
                } else if (v >= endorsedAt) {
                    count++;
                }
            }
            endorsed.put(cluster.name(), count);
            allMet &= count >= required;
            someUnreachable |= count + missing < required;
        }
        draft.endorsed = endorsed;
        draft.provisionalDiagnosis = allMet ? MET : someUnreachable ? NOT_MET : INDETERMINATE;
    }
}
