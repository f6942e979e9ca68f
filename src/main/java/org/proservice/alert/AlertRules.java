package org.proservice.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.proservice.scoring.Score;
import org.proservice.scoring.ScoringRules;

/**
 * Which alerts a score raises. Pure function of the score, its instrument's rules and the configured settings.
 * <ul>
 * <li>every flag the instrument's definition lists under {@code scoring.alerts} raises its rule (for example PHQ-9
 * {@code item9_positive} and {@code item9_missing}: an event for every positive or unanswered item 9, regardless of
 * the total) - always on;</li>
 * <li>{@code severe_band}: the band is {@code severe} and the instrument is listed in
 * {@code pro.alerts.severe-band.instruments}; an instrument without a {@code severe} band never raises it.</li>
 * </ul>
 */
public final class AlertRules {

    public static final String SEVERE_BAND = "severe_band";
    static final String SEVERE = "severe";

    private AlertRules() {
    }

    /** The alert rule codes the score triggers, in a stable order (definition order, then severe band). */
    public static List<String> triggered(Score score, ScoringRules rules, Collection<String> severeBandInstruments) {
        List<String> raised = new ArrayList<>();
        if (rules != null) {
            for (ScoringRules.AlertRule rule : rules.alerts()) {
                if (score.hasFlag(rule.flag()) && !raised.contains(rule.rule())) {
                    raised.add(rule.rule());
                }
            }
        }
        if (SEVERE.equals(score.band()) && severeBandInstruments.contains(score.instrumentId())) {
            raised.add(SEVERE_BAND);
        }
        return raised;
    }
}
