package org.proservice.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proservice.scoring.ScoringRules.ChangeRule;
import org.proservice.scoring.ScoringRules.MeasureRule;

/**
 * Clinically meaningful change as a pure function of the catalog's change rules (each instrument's
 * {@code scoring.measures[].changeRules}). Every comparison is {@code >=} except {@code follow_up_below}
 * ({@code <}); every threshold is decided on exact values (no rounding, no floating-point error). The rules are
 * reported in the order the definition lists them.
 */
public final class ChangeRules {

    private final ScorerRegistry scorers;

    public ChangeRules(ScorerRegistry scorers) {
        this.scorers = scorers;
    }

    /** Change of the {@code total} measure. */
    public ChangeAssessment assess(String instrumentId, Number baseline, Number followUp) {
        return assess(instrumentId, ScoringRules.TotalRule.DEFAULT_NAME, baseline, followUp);
    }

    /**
     * Change of one measure between two administrations.
     *
     * @throws IllegalArgumentException for an unknown instrument, a measure the instrument does not have, or a
     *                                  value outside the measure's range (or not an integer where it must be one)
     */
    public ChangeAssessment assess(String instrumentId, String measureName, Number baseline, Number followUp) {
        if (baseline == null || followUp == null || measureName == null) {
            throw new IllegalArgumentException("baseline, follow-up and measure are required");
        }
        MeasureRule measure = measure(instrumentId, measureName);
        Fraction b = Fraction.of(baseline);
        Fraction f = Fraction.of(followUp);
        requireInRange(b, measure, "baseline");
        requireInRange(f, measure, "follow-up");
        Fraction reduction = b.minus(f);
        Fraction percent = b.signum() == 0 ? null : reduction.times(100).dividedBy(b);
        Map<String, Boolean> t = new LinkedHashMap<>();
        for (ChangeRule rule : measure.changeRules()) {
            t.put(rule.code(), reached(rule, f, reduction, percent));
        }
        return new ChangeAssessment(instrumentId, measure.name(), b.toDouble(), f.toDouble(), reduction.toDouble(),
                percent == null ? null : percent.toDouble(), t);
    }

    /** The names of the thresholds {@link #assess} reports for an instrument and measure, in report order. */
    public List<String> thresholdNames(String instrumentId, String measureName) {
        return measure(instrumentId, measureName).changeRules().stream().map(ChangeRule::code).toList();
    }

    /** The measure's rule, or an {@link IllegalArgumentException} naming what is unknown. */
    public MeasureRule measure(String instrumentId, String measureName) {
        if (instrumentId == null) {
            throw new IllegalArgumentException("instrument id is required");
        }
        Scorer scorer = scorers.find(instrumentId)
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument " + instrumentId));
        return scorer.rules().measure(measureName).orElseThrow(
                () -> new IllegalArgumentException(instrumentId + " has no change measure " + measureName));
    }

    static boolean reached(ChangeRule rule, Fraction followUp, Fraction reduction, Fraction percent) {
        Fraction value = Fraction.of(rule.value());
        return switch (rule.type()) {
            case ChangeRule.REDUCTION_AT_LEAST -> reduction.compareTo(value) >= 0;
            case ChangeRule.PERCENT_REDUCTION_AT_LEAST -> percent != null && percent.compareTo(value) >= 0;
            case ChangeRule.FOLLOW_UP_BELOW -> followUp.compareTo(value) < 0;
            default -> throw new IllegalArgumentException("unknown change rule type " + rule.type());
        };
    }

    private static void requireInRange(Fraction value, MeasureRule measure, String what) {
        if (value.compareTo(Fraction.of(measure.min())) < 0 || value.compareTo(Fraction.of(measure.max())) > 0) {
            throw new IllegalArgumentException(what + " must be between " + measure.min().toPlainString() + " and "
                    + measure.max().toPlainString());
        }
        if (measure.integer() && !value.isInteger()) {
            throw new IllegalArgumentException(what + " of " + measure.name() + " must be a whole number");
        }
    }
}
