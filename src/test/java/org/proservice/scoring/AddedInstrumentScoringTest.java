package org.proservice.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.support.BuiltInCatalog;
import org.proservice.support.GoldenCases;
import org.proservice.support.GoldenCases.Case;
import org.proservice.support.ScoreExpectations;

/** PHQ-8, PHQ-2, GAD-2 and PEG exist as definition files only; their cases run through the catalog's scorers. */
class AddedInstrumentScoringTest {

    private static final ScorerRegistry SCORERS = BuiltInCatalog.scorers();
    private static final ChangeRules CHANGES = BuiltInCatalog.changeRules();

    static Stream<Case> addedCases() {
        return GoldenCases.added().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addedCases")
    void catalogScorerReproducesCase(Case c) {
        Scorer scorer = SCORERS.find(c.instrumentId()).orElseThrow();
        AnswerValidation validation = AnswerValidator.validate(scorer.schema(), c.answers());
        if (c.expectsError()) {
            assertFalse(validation.valid(), c.id() + " must be rejected");
            String code = c.expected().get("error").asText();
            assertTrue(validation.violations().stream().allMatch(v -> v.code().equals(code)),
                    c.id() + ": " + validation.violations());
            return;
        }
        assertTrue(validation.valid(), c.id() + ": " + validation.violations());
        Score s = scorer.score(validation.answers());
        ScoreExpectations.assertMatches(c.id(), c.expected(), GoldenCases.mapper().valueToTree(s));
    }

    @Test
    void everyAddedInstrumentHasCases() {
        assertEquals(List.of("phq8", "phq2", "gad2", "peg"),
                GoldenCases.added().stream().map(Case::instrumentId).distinct().toList());
    }

    @Test
    void phq8RaisesNoItemNineFlagWhateverTheAnswers() {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            answers.put("phq8_q" + i, 3);
        }
        Score s = SCORERS.find("phq8").orElseThrow().score(answers);
        assertEquals(List.of(), s.flags());
        assertTrue(SCORERS.find("phq8").orElseThrow().rules().alerts().isEmpty());
    }

    @Test
    void pegScoreIsAMeasureWithoutAWholeNumberTotal() {
        Score s = SCORERS.find("peg").orElseThrow().score(Map.of("peg_pain", 4, "peg_enjoyment", 4,
                "peg_activity", 5));
        assertNull(s.total());
        assertEquals(13.0 / 3, s.measures().get("score"));
        assertTrue(CHANGES.assess("peg", "score", 13.0 / 3, 3.0).thresholds().get("immpact_moderate_ge_30pct"));
        assertFalse(CHANGES.assess("peg", "score", 13.0 / 3, 10.0 / 3).thresholds()
                .get("immpact_moderate_ge_30pct"));
        assertThrows(IllegalArgumentException.class, () -> CHANGES.assess("peg", "score", 10.5, 3));
        assertThrows(IllegalArgumentException.class, () -> CHANGES.assess("peg", 5, 3));
    }

    @Test
    void screensCountAsRespondersWhenTheFollowUpFallsBelowTheCutOff() {
        assertTrue(CHANGES.assess("phq2", 4, 2).thresholds().get("below_screen_cut_off_lt_3"));
        assertFalse(CHANGES.assess("gad2", 4, 3).thresholds().get("below_screen_cut_off_lt_3"));
        assertTrue(CHANGES.assess("phq8", 12, 6).thresholds().get("response_ge_50pct_reduction"));
        assertThrows(IllegalArgumentException.class, () -> CHANGES.assess("phq8", 25, 3));
    }
}
