package org.proservice.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clinically meaningful change (SPEC 1.6, 2.6, 3.6, 4.6) as a pure function. Every comparison is {@code >=} except
 * remission ({@code <}); every threshold is decided on exact values (no rounding, no floating-point error).
 *
 * <p>Rules per instrument and measure:
 * <ul>
 * <li>PHQ-9 total: {@code response_ge_50pct_reduction}, {@code remission_lt_5} (follow-up total below 5),
 * {@code mcid_ge_5_point_reduction}, {@code nhs_reliable_improvement_ge_6}.</li>
 * <li>GAD-7 total: {@code mcid_ge_4_point_reduction}, {@code nhs_reliable_improvement_ge_4}.</li>
 * <li>PCL-5 total: {@code ncptsd_response_ge_5}, {@code ncptsd_clinically_meaningful_ge_10}.</li>
 * <li>BPI-SF 0-10 intensity measures (worst, least, average, now, severityComposite): IMMPACT
 * {@code immpact_minimal_ge_10pct}, {@code immpact_moderate_ge_30pct}, {@code immpact_substantial_ge_50pct} and
 * Farrar {@code farrar_ge_2_points}.</li>
 * <li>BPI-SF interference: {@code immpact_bpi_interference_ge_1_point} only (IMMPACT gives a point rule, not a
 * percentage rule, for interference).</li>
 * </ul>
 */
public final class ChangeRules {

    public static final String RESPONSE_GE_50PCT_REDUCTION = "response_ge_50pct_reduction";
    public static final String REMISSION_LT_5 = "remission_lt_5";
    public static final String MCID_GE_5_POINT_REDUCTION = "mcid_ge_5_point_reduction";
    public static final String NHS_RELIABLE_IMPROVEMENT_GE_6 = "nhs_reliable_improvement_ge_6";
    public static final String MCID_GE_4_POINT_REDUCTION = "mcid_ge_4_point_reduction";
    public static final String NHS_RELIABLE_IMPROVEMENT_GE_4 = "nhs_reliable_improvement_ge_4";
    public static final String NCPTSD_RESPONSE_GE_5 = "ncptsd_response_ge_5";
    public static final String NCPTSD_CLINICALLY_MEANINGFUL_GE_10 = "ncptsd_clinically_meaningful_ge_10";
    public static final String IMMPACT_MINIMAL_GE_10PCT = "immpact_minimal_ge_10pct";
    public static final String IMMPACT_MODERATE_GE_30PCT = "immpact_moderate_ge_30pct";
    public static final String IMMPACT_SUBSTANTIAL_GE_50PCT = "immpact_substantial_ge_50pct";
    public static final String FARRAR_GE_2_POINTS = "farrar_ge_2_points";
    public static final String IMMPACT_BPI_INTERFERENCE_GE_1_POINT = "immpact_bpi_interference_ge_1_point";

    private static final List<ChangeMeasure> BPI_INTENSITY = List.of(ChangeMeasure.WORST, ChangeMeasure.LEAST,
            ChangeMeasure.AVERAGE, ChangeMeasure.NOW, ChangeMeasure.SEVERITY_COMPOSITE);

    private ChangeRules() {
    }

    /** Change of the total of PHQ-9, GAD-7 or PCL-5. */
    public static ChangeAssessment assess(String instrumentId, Number baseline, Number followUp) {
        return assess(instrumentId, ChangeMeasure.TOTAL, baseline, followUp);
    }

    /**
     * Change of one measure between two administrations.
     *
     * @throws IllegalArgumentException for an unknown instrument, a measure the instrument does not have, or a
     *                                  value outside the measure's range (or not an integer where it must be one)
     */
    public static ChangeAssessment assess(String instrumentId, ChangeMeasure measure, Number baseline,
            Number followUp) {
        if (baseline == null || followUp == null || measure == null) {
            throw new IllegalArgumentException("baseline, follow-up and measure are required");
        }
        Fraction b = Fraction.of(baseline);
        Fraction f = Fraction.of(followUp);
        int max = maxValue(instrumentId, measure);
        requireInRange(b, max, measure, "baseline");
        requireInRange(f, max, measure, "follow-up");

        Fraction reduction = b.minus(f);
        Fraction percent = b.signum() == 0 ? null : reduction.times(100).dividedBy(b);
        Map<String, Boolean> t = new LinkedHashMap<>();
        switch (instrumentId) {
            case Phq9Scorer.INSTRUMENT_ID -> {
                t.put(RESPONSE_GE_50PCT_REDUCTION, percentAtLeast(percent, 50));
                t.put(REMISSION_LT_5, f.lessThan(5));
                t.put(MCID_GE_5_POINT_REDUCTION, reduction.atLeast(5));
                t.put(NHS_RELIABLE_IMPROVEMENT_GE_6, reduction.atLeast(6));
            }
            case Gad7Scorer.INSTRUMENT_ID -> {
                t.put(MCID_GE_4_POINT_REDUCTION, reduction.atLeast(4));
                t.put(NHS_RELIABLE_IMPROVEMENT_GE_4, reduction.atLeast(4));
            }
            case Pcl5Scorer.INSTRUMENT_ID -> {
                t.put(NCPTSD_RESPONSE_GE_5, reduction.atLeast(5));
                t.put(NCPTSD_CLINICALLY_MEANINGFUL_GE_10, reduction.atLeast(10));
            }
            default -> {
                if (measure == ChangeMeasure.INTERFERENCE) {
                    t.put(IMMPACT_BPI_INTERFERENCE_GE_1_POINT, reduction.atLeast(1));
                } else {
                    t.put(IMMPACT_MINIMAL_GE_10PCT, percentAtLeast(percent, 10));
                    t.put(IMMPACT_MODERATE_GE_30PCT, percentAtLeast(percent, 30));
                    t.put(IMMPACT_SUBSTANTIAL_GE_50PCT, percentAtLeast(percent, 50));
                    t.put(FARRAR_GE_2_POINTS, reduction.atLeast(2));
                }
            }
        }
        return new ChangeAssessment(instrumentId, measure.code(), b.toDouble(), f.toDouble(), reduction.toDouble(),
                percent == null ? null : percent.toDouble(), t);
    }

    /** The names of the thresholds {@link #assess} reports for an instrument and measure, in report order. */
    public static List<String> thresholdNames(String instrumentId, ChangeMeasure measure) {
        return List.copyOf(assess(instrumentId, measure, 0, 0).thresholds().keySet());
    }

    private static boolean percentAtLeast(Fraction percent, long threshold) {
        return percent != null && percent.atLeast(threshold);
    }

    private static int maxValue(String instrumentId, ChangeMeasure measure) {
        if (instrumentId == null) {
            throw new IllegalArgumentException("instrument id is required");
        }
        boolean bpi = BpiSfScorer.INSTRUMENT_ID.equals(instrumentId);
        if (bpi == (measure == ChangeMeasure.TOTAL)) {
            throw new IllegalArgumentException(instrumentId + " has no change measure " + measure.code());
        }
        return switch (instrumentId) {
            case Phq9Scorer.INSTRUMENT_ID -> 27;
            case Gad7Scorer.INSTRUMENT_ID -> 21;
            case Pcl5Scorer.INSTRUMENT_ID -> 80;
            case BpiSfScorer.INSTRUMENT_ID -> {
                if (!BPI_INTENSITY.contains(measure) && measure != ChangeMeasure.INTERFERENCE) {
                    throw new IllegalArgumentException("bpi-sf has no change measure " + measure.code());
                }
                yield 10;
            }
            default -> throw new IllegalArgumentException("unknown instrument " + instrumentId);
        };
    }

    private static void requireInRange(Fraction value, int max, ChangeMeasure measure, String what) {
        if (value.signum() < 0 || value.compareTo(Fraction.of(max)) > 0) {
            throw new IllegalArgumentException(what + " must be between 0 and " + max);
        }
        if (!measure.isMean() && !value.isInteger()) {
            throw new IllegalArgumentException(what + " of " + measure.code() + " must be a whole number");
        }
    }
}
