package org.proservice.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared PHQ-9 / GAD-7 rule: sum of the answered items; all answered gives the sum, at least
 * {@code minAnswered} gives the prorated, half-up rounded total, fewer gives no total.
 */
record SumScore(int rawSum, int answered, int itemCount, Integer total, Double proratedUnrounded,
        Set<String> flags) {

    static SumScore of(Map<String, Integer> answers, List<String> scoredItems, int minAnswered) {
        int raw = 0;
        int answered = 0;
        for (String id : scoredItems) {
            Integer v = answers.get(id);
            if (v != null) {
                raw += v;
                answered++;
            }
        }
        int n = scoredItems.size();
        Set<String> flags = new TreeSet<>();
        Integer total = null;
        Double unrounded = null;
        if (answered == n) {
            total = raw;
        } else if (answered >= minAnswered) {
            total = Rounding.prorate(raw, n, answered);
            unrounded = (double) raw * n / answered;
            flags.add(Flags.PRORATED);
        } else {
            flags.add(Flags.INSUFFICIENT_ITEMS);
        }
        return new SumScore(raw, answered, n, total, unrounded, Set.copyOf(flags));
    }

    Score toScore(Scorer scorer, List<Band> bands, Set<String> flags) {
        return new Score(scorer.instrumentId(), scorer.instrumentVersion(), scorer.scoringVersion(),
                total != null, total, rawSum, answered, proratedUnrounded, Map.of(), null, null,
                total == null ? null : Band.of(bands, total), null, List.copyOf(new TreeSet<>(flags)));
    }
}
