package org.proservice.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.proservice.scoring.Flags;
import org.proservice.scoring.Phq9Scorer;
import org.proservice.scoring.Score;

/**
 * Which alerts a score raises. Pure function of the score and the configured rules.
 * <ul>
 * <li>PHQ-9 {@code item9_positive} and {@code item9_missing} (SPEC 1.5: the backend emits an event for every
 * positive or unanswered item 9, regardless of total) - always on;</li>
 * <li>{@code severe_band}: the band is {@code severe} and the instrument is listed in
 * {@code pro.alerts.severe-band.instruments}. PHQ-9, GAD-7 and BPI-SF (worst pain 7-10) have a {@code severe}
 * band; PCL-5 has none, so listing it has no effect.</li>
 * </ul>
 */
public final class AlertRules {

    public static final String ITEM9_POSITIVE = Flags.ITEM9_POSITIVE;
    public static final String ITEM9_MISSING = Flags.ITEM9_MISSING;
    public static final String SEVERE_BAND = "severe_band";
    static final String SEVERE = "severe";

    private AlertRules() {
    }

    /** The alert rule codes the score triggers, in a stable order. */
    public static List<String> triggered(Score score, Collection<String> severeBandInstruments) {
        List<String> rules = new ArrayList<>();
        if (Phq9Scorer.INSTRUMENT_ID.equals(score.instrumentId())) {
            if (score.hasFlag(Flags.ITEM9_POSITIVE)) {
                rules.add(ITEM9_POSITIVE);
            }
            if (score.hasFlag(Flags.ITEM9_MISSING)) {
                rules.add(ITEM9_MISSING);
            }
        }
        if (SEVERE.equals(score.band()) && severeBandInstruments.contains(score.instrumentId())) {
            rules.add(SEVERE_BAND);
        }
        return rules;
    }
}
