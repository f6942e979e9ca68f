package org.proservice.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The result of scoring one administration of an instrument (SPEC output fields, camelCase).
 *
 * @param instrumentId              the catalog id of the instrument
 * @param instrumentVersion         version of the instrument definition the answers belong to
 * @param scoringVersion            version of the scoring algorithm that produced this score
 * @param scorable                  whether the instrument's headline result could be computed (SPEC per instrument)
 * @param total                     reported total after prorating and rounding; null when not scorable; always
 *                                  null for BPI-SF (no total)
 * @param rawSum                    sum of the answered scored items; null for BPI-SF
 * @param itemsAnswered             number of answered scored items (unscored items never count)
 * @param proratedUnrounded         raw sum times items over answered before rounding, only when the total was
 *                                  prorated
 * @param subscales                 PCL-5 cluster sums B, C, D, E; BPI-SF worst, least, average, now,
 *                                  severityComposite, interference (unrounded means), reliefPct; empty otherwise.
 *                                  A subscale that cannot be computed is present with a null value
 * @param endorsed                  PCL-5 only: number of answered items rated 2 or higher per cluster
 * @param interferenceItemsAnswered BPI-SF only: number of answered interference items (9A-9G)
 * @param band                      band code of the reported total (BPI-SF: of the worst-pain item); null when
 *                                  not computable
 * @param provisionalDiagnosis      PCL-5 only: {@code met}, {@code not_met} or {@code indeterminate}
 * @param flags                     flag codes, sorted alphabetically, no duplicates
 * @param measures                  every named measure of the score ({@code total} when the instrument has one,
 *                                  then the subscales), null when not computable; the legacy fields above stay
 */
public record Score(
        String instrumentId,
        String instrumentVersion,
        String scoringVersion,
        boolean scorable,
        Integer total,
        Integer rawSum,
        Integer itemsAnswered,
        Double proratedUnrounded,
        Map<String, Number> subscales,
        Map<String, Integer> endorsed,
        Integer interferenceItemsAnswered,
        String band,
        String provisionalDiagnosis,
        List<String> flags,
        Map<String, Number> measures) {

    public Score {
        subscales = subscales == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subscales));
        endorsed = endorsed == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(endorsed));
        flags = flags == null ? List.of() : List.copyOf(new TreeSet<>(flags));
        if (measures == null) {
            Map<String, Number> derived = new LinkedHashMap<>();
            if (total != null || rawSum != null) {
                derived.put(ScoringRules.TotalRule.DEFAULT_NAME, total);
            }
            derived.putAll(subscales);
            measures = derived;
        }
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    /** A score whose measures are its total (when it has one) and its subscales. */
    public Score(String instrumentId, String instrumentVersion, String scoringVersion, boolean scorable,
            Integer total, Integer rawSum, Integer itemsAnswered, Double proratedUnrounded,
            Map<String, Number> subscales, Map<String, Integer> endorsed, Integer interferenceItemsAnswered,
            String band, String provisionalDiagnosis, List<String> flags) {
        this(instrumentId, instrumentVersion, scoringVersion, scorable, total, rawSum, itemsAnswered,
                proratedUnrounded, subscales, endorsed, interferenceItemsAnswered, band, provisionalDiagnosis, flags,
                null);
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }
}
