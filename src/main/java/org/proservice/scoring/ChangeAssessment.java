package org.proservice.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Change between a baseline and a follow-up administration of the same instrument.
 *
 * @param instrumentId      the instrument
 * @param measure           which score the change is on ({@code total} or a BPI-SF measure)
 * @param baseline          the baseline value as given
 * @param followUp          the follow-up value as given
 * @param reduction         baseline - follow-up (positive = improvement), unrounded
 * @param percentReduction  100 * reduction / baseline, unrounded; null when baseline is 0 (undefined)
 * @param thresholds        the instrument's named change rules (golden names), true when reached; a percentage rule
 *                          is false when baseline is 0
 */
public record ChangeAssessment(String instrumentId, String measure, double baseline, double followUp,
        double reduction, Double percentReduction, Map<String, Boolean> thresholds) {

    public ChangeAssessment {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }
}
