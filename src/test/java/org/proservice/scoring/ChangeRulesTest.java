package org.proservice.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.support.GoldenCases;
import org.proservice.support.GoldenCases.ChangeCase;

class ChangeRulesTest {

    static Stream<ChangeCase> changeCases() {
        return GoldenCases.changeCases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changeCases")
    void reproducesGoldenChangeCase(ChangeCase c) {
        ChangeAssessment a = MissionChangeRules.assess(c.instrumentId(), measure(c.measure()), c.baseline(), c.followUp());
        JsonNode e = c.expected();
        assertEquals(round2(e.get("reduction").decimalValue()), round2(BigDecimal.valueOf(a.reduction())), "reduction");
        assertEquals(round2(e.get("percent_reduction").decimalValue()),
                round2(BigDecimal.valueOf(a.percentReduction())), "percent_reduction");
        List<String> expectedNames = new ArrayList<>();
        e.fieldNames().forEachRemaining(n -> {
            if (!n.equals("reduction") && !n.equals("percent_reduction")) {
                expectedNames.add(n);
            }
        });
        assertEquals(new TreeSet<>(expectedNames), new TreeSet<>(a.thresholds().keySet()),
                "exactly the golden threshold names");
        for (String name : expectedNames) {
            assertEquals(e.get(name).asBoolean(), a.thresholds().get(name), name);
        }
    }

    private static ChangeMeasure measure(String golden) {
        if (golden == null) {
            return ChangeMeasure.TOTAL;
        }
        if (golden.startsWith("average")) {
            return ChangeMeasure.AVERAGE;
        }
        if (golden.startsWith("worst")) {
            return ChangeMeasure.WORST;
        }
        if (golden.startsWith("interference")) {
            return ChangeMeasure.INTERFERENCE;
        }
        throw new IllegalArgumentException(golden);
    }

    private static BigDecimal round2(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void phq9RemissionNeedsFollowUpBelowFive() {
        assertTrue(MissionChangeRules.assess("phq9", 15, 4).thresholds().get(MissionChangeRules.REMISSION_LT_5));
        assertFalse(MissionChangeRules.assess("phq9", 15, 5).thresholds().get(MissionChangeRules.REMISSION_LT_5));
    }

    @Test
    void phq9ResponseAndPointRulesAreInclusive() {
        Map<String, Boolean> justBelow = MissionChangeRules.assess("phq9", 11, 6).thresholds();
        assertFalse(justBelow.get(MissionChangeRules.RESPONSE_GE_50PCT_REDUCTION), "5/11 = 45 %");
        assertTrue(justBelow.get(MissionChangeRules.MCID_GE_5_POINT_REDUCTION));
        assertFalse(justBelow.get(MissionChangeRules.NHS_RELIABLE_IMPROVEMENT_GE_6));
        Map<String, Boolean> exact = MissionChangeRules.assess("phq9", 12, 6).thresholds();
        assertTrue(exact.get(MissionChangeRules.RESPONSE_GE_50PCT_REDUCTION), "exactly 50 %");
        assertTrue(exact.get(MissionChangeRules.NHS_RELIABLE_IMPROVEMENT_GE_6));
        assertFalse(MissionChangeRules.assess("phq9", 9, 5).thresholds().get(MissionChangeRules.MCID_GE_5_POINT_REDUCTION));
    }

    @Test
    void gad7AndPcl5PointRulesAreInclusive() {
        assertFalse(MissionChangeRules.assess("gad7", 10, 7).thresholds().get(MissionChangeRules.MCID_GE_4_POINT_REDUCTION));
        assertTrue(MissionChangeRules.assess("gad7", 10, 6).thresholds().get(MissionChangeRules.NHS_RELIABLE_IMPROVEMENT_GE_4));
        Map<String, Boolean> pcl = MissionChangeRules.assess("pcl5", 40, 31).thresholds();
        assertTrue(pcl.get(MissionChangeRules.NCPTSD_RESPONSE_GE_5));
        assertFalse(pcl.get(MissionChangeRules.NCPTSD_CLINICALLY_MEANINGFUL_GE_10));
        assertFalse(MissionChangeRules.assess("pcl5", 40, 36).thresholds().get(MissionChangeRules.NCPTSD_RESPONSE_GE_5));
    }

    @Test
    void percentReductionIsUndefinedFromAZeroBaseline() {
        ChangeAssessment phq = MissionChangeRules.assess("phq9", 0, 0);
        assertNull(phq.percentReduction());
        assertFalse(phq.thresholds().get(MissionChangeRules.RESPONSE_GE_50PCT_REDUCTION));
        assertTrue(phq.thresholds().get(MissionChangeRules.REMISSION_LT_5));
        ChangeAssessment bpi = MissionChangeRules.assess("bpi-sf", ChangeMeasure.WORST, 0, 3);
        assertNull(bpi.percentReduction());
        assertEquals(-3.0, bpi.reduction());
        assertFalse(bpi.thresholds().get(MissionChangeRules.IMMPACT_MINIMAL_GE_10PCT));
    }

    @Test
    void worseningIsANegativeReductionAndReachesNoThreshold() {
        ChangeAssessment a = MissionChangeRules.assess("pcl5", 30, 45);
        assertEquals(-15.0, a.reduction());
        assertEquals(-50.0, a.percentReduction());
        assertTrue(a.thresholds().values().stream().noneMatch(Boolean::booleanValue));
    }

    @Test
    void percentThresholdsOnMeansAreDecidedExactly() {
        // 30/7 -> 27/7 is exactly 10 %; floating point gives 9.999999999999996
        double baseline = 30.0 / 7;
        double followUp = 27.0 / 7;
        assertTrue((baseline - followUp) / baseline * 100 < 10, "the naive double computation falls short");
        ChangeAssessment a = MissionChangeRules.assess("bpi-sf", ChangeMeasure.SEVERITY_COMPOSITE, baseline, followUp);
        assertTrue(a.thresholds().get(MissionChangeRules.IMMPACT_MINIMAL_GE_10PCT));
        // 2.5 -> 1.75 is exactly 30 %, 2.5 -> 1.25 exactly 50 %
        assertTrue(MissionChangeRules.assess("bpi-sf", ChangeMeasure.SEVERITY_COMPOSITE, 2.5, 1.75).thresholds()
                .get(MissionChangeRules.IMMPACT_MODERATE_GE_30PCT));
        assertTrue(MissionChangeRules.assess("bpi-sf", ChangeMeasure.SEVERITY_COMPOSITE, 2.5, 1.25).thresholds()
                .get(MissionChangeRules.IMMPACT_SUBSTANTIAL_GE_50PCT));
        assertFalse(MissionChangeRules.assess("bpi-sf", ChangeMeasure.SEVERITY_COMPOSITE, 2.5, 1.5).thresholds()
                .get(MissionChangeRules.IMMPACT_SUBSTANTIAL_GE_50PCT));
    }

    @Test
    void interferencePointRuleIsDecidedOnUnroundedMeans() {
        // 34/7 = 4.857 -> 27/7 = 3.857: exactly one point
        assertTrue(MissionChangeRules.assess("bpi-sf", ChangeMeasure.INTERFERENCE, 34.0 / 7, 27.0 / 7).thresholds()
                .get(MissionChangeRules.IMMPACT_BPI_INTERFERENCE_GE_1_POINT));
        // 4.86 -> 3.86 after rounding would look like one point; unrounded 34/7 -> 23/6 is 1.024 (yes) and
        // 5.0 -> 29/7 is 0.857 (no)
        assertFalse(MissionChangeRules.assess("bpi-sf", ChangeMeasure.INTERFERENCE, 5.0, 29.0 / 7).thresholds()
                .get(MissionChangeRules.IMMPACT_BPI_INTERFERENCE_GE_1_POINT));
        assertFalse(MissionChangeRules.assess("bpi-sf", ChangeMeasure.INTERFERENCE, 4.0, 3.0 + 1.0 / 7).thresholds()
                .get(MissionChangeRules.IMMPACT_BPI_INTERFERENCE_GE_1_POINT));
    }

    @Test
    void eachBpiMeasureGetsItsOwnRules() {
        List<String> intensity = List.of(MissionChangeRules.IMMPACT_MINIMAL_GE_10PCT, MissionChangeRules.IMMPACT_MODERATE_GE_30PCT,
                MissionChangeRules.IMMPACT_SUBSTANTIAL_GE_50PCT, MissionChangeRules.FARRAR_GE_2_POINTS);
        for (ChangeMeasure m : List.of(ChangeMeasure.WORST, ChangeMeasure.LEAST, ChangeMeasure.AVERAGE,
                ChangeMeasure.NOW, ChangeMeasure.SEVERITY_COMPOSITE)) {
            assertEquals(intensity, MissionChangeRules.thresholdNames("bpi-sf", m), m.code());
        }
        assertEquals(List.of(MissionChangeRules.IMMPACT_BPI_INTERFERENCE_GE_1_POINT),
                MissionChangeRules.thresholdNames("bpi-sf", ChangeMeasure.INTERFERENCE));
        assertEquals(List.of(MissionChangeRules.RESPONSE_GE_50PCT_REDUCTION, MissionChangeRules.REMISSION_LT_5,
                MissionChangeRules.MCID_GE_5_POINT_REDUCTION, MissionChangeRules.NHS_RELIABLE_IMPROVEMENT_GE_6),
                MissionChangeRules.thresholdNames("phq9", ChangeMeasure.TOTAL));
    }

    @Test
    void shouldRefuseValuesOutsideTheMeasure() {
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("phq9", 28, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("phq9", -1, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("phq9", 10.5, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("gad7", 22, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("pcl5", 81, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("bpi-sf", 5, 3));
        assertThrows(IllegalArgumentException.class,
                () -> MissionChangeRules.assess("bpi-sf", ChangeMeasure.WORST, 4.5, 3));
        assertThrows(IllegalArgumentException.class,
                () -> MissionChangeRules.assess("bpi-sf", ChangeMeasure.INTERFERENCE, 10.5, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("phq9", ChangeMeasure.WORST, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("nope", 5, 3));
        assertThrows(IllegalArgumentException.class, () -> MissionChangeRules.assess("phq9", null, 3));
        assertThrows(IllegalArgumentException.class,
                () -> MissionChangeRules.assess("bpi-sf", ChangeMeasure.INTERFERENCE, Double.NaN, 3));
    }
}
