package org.proservice.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every band boundary of every instrument, from both sides, on complete and on prorated answers. */
class BandBoundaryTest {

    private static final ScorerRegistry SCORERS = org.proservice.support.BuiltInCatalog.scorers();

    /** (instrument, total, expected band) for the first and last value of every band and their neighbours. */
    static Stream<Arguments> boundaries() {
        List<Arguments> out = new ArrayList<>();
        for (Scorer scorer : SCORERS.all()) {
            List<Band> bands = scorer.bands();
            for (int i = 0; i < bands.size(); i++) {
                Band b = bands.get(i);
                out.add(Arguments.of(scorer.instrumentId(), b.min(), b.code()));
                out.add(Arguments.of(scorer.instrumentId(), b.max(), b.code()));
                if (i > 0) {
                    out.add(Arguments.of(scorer.instrumentId(), b.min() - 1, bands.get(i - 1).code()));
                }
                if (i < bands.size() - 1) {
                    out.add(Arguments.of(scorer.instrumentId(), b.max() + 1, bands.get(i + 1).code()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1} is {2}")
    @MethodSource("boundaries")
    void bandBoundaryIsClosedOnBothEnds(String instrumentId, int value, String expectedBand) {
        Scorer scorer = SCORERS.find(instrumentId).orElseThrow();
        Score score = scorer.score(answersReaching(scorer, value));
        if (instrumentId.equals(BpiSfScorer.INSTRUMENT_ID)) {
            assertEquals(value, score.subscales().get("worst"));
        } else {
            assertEquals(value, score.total());
        }
        assertEquals(expectedBand, score.band());
    }

    @Test
    void expectedBandsAreThoseOfTheSpecification() {
        assertEquals(List.of("none_minimal:0-4", "mild:5-9", "moderate:10-14", "moderately_severe:15-19",
                "severe:20-27"), describe(new Phq9Scorer()));
        assertEquals(List.of("minimal:0-4", "mild:5-9", "moderate:10-14", "severe:15-21"), describe(new Gad7Scorer()));
        assertEquals(List.of("below_31:0-30", "31_to_32:31-32", "33_or_above:33-80"), describe(new Pcl5Scorer()));
        assertEquals(List.of("none:0-0", "mild:1-4", "moderate:5-6", "severe:7-10"), describe(new BpiSfScorer()));
    }

    @Test
    void proratedPhq9TotalsCrossBandsOnTheRoundedValue() {
        // 8 answered: 3 -> 3.375 -> 3, 4 -> 4.5 -> 5, 8 -> 9, 9 -> 10.125 -> 10, 13 -> 14.625 -> 15, 17 -> 19.125 -> 19
        Map<Integer, String> expected = Map.of(3, "none_minimal", 4, "mild", 8, "mild", 9, "moderate", 13,
                "moderately_severe", 17, "moderately_severe", 18, "severe");
        Map<Integer, Integer> totals = Map.of(3, 3, 4, 5, 8, 9, 9, 10, 13, 15, 17, 19, 18, 20);
        expected.forEach((raw, band) -> {
            Map<String, Integer> answers = fill(List.of("phq9_q1", "phq9_q2", "phq9_q3", "phq9_q4", "phq9_q5",
                    "phq9_q6", "phq9_q7", "phq9_q9"), 3, raw);
            answers.put("phq9_q8", null);
            Score s = new Phq9Scorer().score(answers);
            assertEquals(totals.get(raw), s.total(), "raw " + raw);
            assertEquals(band, s.band(), "raw " + raw);
            assertTrue(s.hasFlag(Flags.PRORATED));
        });
    }

    @Test
    void proratedGad7TotalsCrossBandsOnTheRoundedValue() {
        // 6 answered: 3 -> 3.5 -> 4 minimal, 4 -> 4.67 -> 5 mild, 8 -> 9.33 -> 9 mild, 9 -> 10.5 -> 11 moderate,
        // 12 -> 14 moderate, 13 -> 15.17 -> 15 severe
        int[][] rawTotal = { { 3, 4 }, { 4, 5 }, { 8, 9 }, { 9, 11 }, { 12, 14 }, { 13, 15 }, { 18, 21 } };
        String[] bands = { "minimal", "mild", "mild", "moderate", "moderate", "severe", "severe" };
        for (int i = 0; i < rawTotal.length; i++) {
            Map<String, Integer> answers = fill(List.of("gad7_q1", "gad7_q2", "gad7_q3", "gad7_q4", "gad7_q5",
                    "gad7_q7"), 3, rawTotal[i][0]);
            Score s = new Gad7Scorer().score(answers);
            assertEquals(rawTotal[i][1], s.total(), "raw " + rawTotal[i][0]);
            assertEquals(bands[i], s.band(), "raw " + rawTotal[i][0]);
        }
    }

    private static List<String> describe(Scorer scorer) {
        return scorer.bands().stream().map(b -> b.code() + ":" + b.min() + "-" + b.max()).toList();
    }

    /** Complete answers whose total (BPI-SF: worst pain) is exactly {@code value}. */
    static Map<String, Integer> answersReaching(Scorer scorer, int value) {
        if (scorer.instrumentId().equals(BpiSfScorer.INSTRUMENT_ID)) {
            Map<String, Integer> answers = new LinkedHashMap<>();
            for (ItemSchema item : scorer.schema().items()) {
                answers.put(item.id(), item.allowedValues().get(0));
            }
            answers.put(BpiSfScorer.WORST, value);
            return answers;
        }
        List<String> scored = scorer.schema().items().stream().filter(ItemSchema::scored).map(ItemSchema::id)
                .toList();
        int max = scorer.schema().items().get(0).allowedValues().stream().mapToInt(Integer::intValue).max()
                .orElseThrow();
        Map<String, Integer> answers = fill(scored, max, value);
        scorer.schema().items().stream().filter(i -> !i.scored()).forEach(i -> answers.put(i.id(), 0));
        return answers;
    }

    /** Answers to {@code items} that add up to {@code sum}, each at most {@code max}. */
    static Map<String, Integer> fill(List<String> items, int max, int sum) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        int left = sum;
        for (String id : items) {
            int v = Math.min(max, left);
            answers.put(id, v);
            left -= v;
        }
        if (left != 0) {
            throw new IllegalArgumentException("cannot reach " + sum);
        }
        return answers;
    }
}
